package io.callgem.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static io.callgem.protocol.SdmpFrameDecoderTest.bytes;
import static io.callgem.protocol.SdmpFrameDecoderTest.drain;
import static org.assertj.core.api.Assertions.assertThat;

/** Encoder bytes, and the whole inbound pipeline: frame decoder then message decoder. */
class SdmpCodecPipelineTest {

    @Test
    void encoderWritesEachTerminatorInEachCharset() {
        SdmpMessage ef = new EnumerationFinished("t1").toMessage();
        assertThat(encode(new SdmpFrameEncoder(CallGemCharset.ASCII), ef)).isEqualTo("45465c545874310a".replace("0a", "00"));
        assertThat(encode(new SdmpFrameEncoder(CallGemCharset.ASCII, Terminator.CRLF), ef)).isEqualTo("45465c545874310d0a");
        assertThat(encode(new SdmpFrameEncoder(CallGemCharset.ASCII, Terminator.LF), "EF")).isEqualTo("45460a");
        assertThat(encode(new SdmpFrameEncoder(CallGemCharset.UTF_16LE, Terminator.NUL), "EF")).isEqualTo("450046000000");
        assertThat(encode(new SdmpFrameEncoder(CallGemCharset.UTF_16LE, Terminator.CRLF), "E€")).isEqualTo("4500ac200d000a00");
    }

    @Test
    void encoderLeavesOtherObjectsAlone() {
        EmbeddedChannel ch = new EmbeddedChannel(new SdmpFrameEncoder(CallGemCharset.ASCII));
        ch.writeOutbound(42);
        assertThat((Object) ch.readOutbound()).isEqualTo(42);
        ch.finishAndReleaseAll();
    }

    @ParameterizedTest
    @EnumSource(CallGemCharset.class)
    void messagesSurviveEncodeAndDecode(CallGemCharset cs) {
        EmbeddedChannel out = new EmbeddedChannel(new SdmpFrameEncoder(cs, Terminator.NUL));
        EmbeddedChannel in = new EmbeddedChannel(new SdmpFrameDecoder(cs, 1024), new SdmpMessageDecoder());
        SdmpMessage eo = new EnumerateOutcomes("EOSales1", "Sales1", null, true, true, null, "tok").toMessage();
        SdmpMessage er = new ErrorReply("EOSales1", 803, "TX \\ missing").toMessage();
        SdmpMessage prefixed = new EndEnumeration("EOSales1", "acme").toMessage().withPrefix("CG:MA");
        out.writeOutbound(eo, er, prefixed);
        for (ByteBuf b; (b = out.readOutbound()) != null; ) {
            in.writeInbound(b);
        }
        assertThat(drain(in)).containsExactly(eo, er, prefixed);
        out.finishAndReleaseAll();
        in.finishAndReleaseAll();
    }

    @ParameterizedTest
    @EnumSource(CallGemCharset.class)
    void badFramesBecomeEventsAndTheFeedGoesOn(CallGemCharset cs) {
        SdmpFrameDecoder frames = new SdmpFrameDecoder(cs, 32);
        EmbeddedChannel in = new EmbeddedChannel(frames, new SdmpMessageDecoder());
        in.writeInbound(bytes(cs, "OZ\\TX\\\\RE1\0" + "OZ\\DT" + "y".repeat(50) + "\r\n" + "\u0001\u0002\n" + "EF\\TXa\0"));
        List<Object> out = drain(in);
        assertThat(out).hasSize(4);
        assertThat(out.get(0)).isEqualTo(new MalformedFrame("OZ\\TX\\\\RE1", "lone backslash (no parameter code) at position 5"));
        assertThat(out.get(1)).isInstanceOfSatisfying(TooLongFrame.class, t -> assertThat(t.length()).isEqualTo(55));
        assertThat(out.get(2)).isInstanceOfSatisfying(MalformedFrame.class,
                m -> assertThat(m.error()).contains("message code").contains("position 0"));
        assertThat(out.get(3)).isEqualTo(new EnumerationFinished("a").toMessage());
        assertThat(frames.discardedFrames()).isEqualTo(1);
        assertThat(in.finishAndReleaseAll()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(CallGemCharset.class)
    void byteByByteFeeding(CallGemCharset cs) {
        EmbeddedChannel in = new EmbeddedChannel(new SdmpFrameDecoder(cs, 8), new SdmpMessageDecoder());
        byte[] all = ("EF\\TX1\r\n" + "OZ\\DT0123456789\0" + "EF\\TX2\n").getBytes(cs.charset());
        for (byte b : all) {
            in.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        List<Object> out = drain(in);
        assertThat(out).hasSize(3);
        assertThat(out.get(0)).isEqualTo(new EnumerationFinished("1").toMessage());
        assertThat(out.get(1)).isEqualTo(new TooLongFrame(15, "OZ\\DT0123"));
        assertThat(out.get(2)).isEqualTo(new EnumerationFinished("2").toMessage());
        in.finishAndReleaseAll();
    }

    @Test
    void utf16TooLongFrameSplitAtOddOffsetsKeepsAlignment() {
        SdmpFrameDecoder frames = new SdmpFrameDecoder(CallGemCharset.UTF_16LE, 4);
        EmbeddedChannel in = new EmbeddedChannel(frames);
        // Ā is 00 01 and Ȁ is 00 02: their 00 bytes at odd offsets must not end the frame;
        // 3-byte chunks: the limit trips at 6 whole chars, which become the head
        byte[] all = ("ĀĀĀĀĀĀĀȀ\0" + "ok\0").getBytes(CallGemCharset.UTF_16LE.charset());
        for (int i = 0; i < all.length; i += 3) {
            in.writeInbound(Unpooled.wrappedBuffer(all, i, Math.min(3, all.length - i)));
        }
        assertThat(drain(in)).containsExactly(new TooLongFrame(8, "ĀĀĀĀĀĀ"), "ok");
        in.finishAndReleaseAll();
    }

    private static String encode(SdmpFrameEncoder encoder, Object msg) {
        EmbeddedChannel ch = new EmbeddedChannel(encoder);
        ch.writeOutbound(msg);
        ByteBuf b = ch.readOutbound();
        String hex = ByteBufUtil.hexDump(b);
        b.release();
        ch.finishAndReleaseAll();
        return hex;
    }
}

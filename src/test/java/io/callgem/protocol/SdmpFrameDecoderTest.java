package io.callgem.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SdmpFrameDecoderTest {

    private static final String OZ = "OZ\\TXEOSales1\\CNSales1\\ANJoe\\SI001234567890\\RE10\\AO167\\DT";

    @ParameterizedTest
    @EnumSource(CallGemCharset.class)
    void decodesAllTerminatorsAndSkipsEmptyFrames(CallGemCharset cs) {
        EmbeddedChannel ch = new EmbeddedChannel(new SdmpFrameDecoder(cs, 1024));
        ch.writeInbound(bytes(cs, "A1\0B2\r\nC3\n\0\r\n\n\0D4\0"));
        assertThat(drain(ch)).containsExactly("A1", "B2", "C3", "D4");
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(CallGemCharset.class)
    void partialFrameWaitsForItsTerminator(CallGemCharset cs) {
        EmbeddedChannel ch = new EmbeddedChannel(new SdmpFrameDecoder(cs, 1024));
        assertThat(ch.writeInbound(bytes(cs, "OZ\\TXa"))).isFalse();
        assertThat((Object) ch.readInbound()).isNull();
        ch.writeInbound(bytes(cs, "\\RE1\0"));
        assertThat(drain(ch)).containsExactly("OZ\\TXa\\RE1");
        ch.finishAndReleaseAll();
    }

    @ParameterizedTest
    @EnumSource(CallGemCharset.class)
    void splitAtEveryByteOffset(CallGemCharset cs) {
        String stream = OZ + "\0" + "EF\\TXé€x\r\n" + OZ + "\n";
        byte[] all = stream.getBytes(cs.charset());   // ASCII mode cannot carry '€': it becomes '?'
        for (int split = 0; split <= all.length; split++) {
            EmbeddedChannel ch = new EmbeddedChannel(new SdmpFrameDecoder(cs, 1024));
            ch.writeInbound(Unpooled.wrappedBuffer(all, 0, split));
            ch.writeInbound(Unpooled.wrappedBuffer(all, split, all.length - split));
            String ef = cs == CallGemCharset.ASCII ? "EF\\TXé?x" : "EF\\TXé€x";
            assertThat(drain(ch)).as("split at %d", split).containsExactly(OZ, ef, OZ);
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void utf16HighZeroByteIsNotATerminator() {
        // 'A' is 41 00; "A\0" must not end at the 00 high byte of 'A'; U+0100 is 00 01
        EmbeddedChannel ch = new EmbeddedChannel(new SdmpFrameDecoder(CallGemCharset.UTF_16LE, 1024));
        ch.writeInbound(bytes(CallGemCharset.UTF_16LE, "A\u0100\u0a00B\0"));
        assertThat(drain(ch)).containsExactly("A\u0100\u0a00B");
        ch.finishAndReleaseAll();
    }

    @ParameterizedTest
    @EnumSource(CallGemCharset.class)
    void tooLongFrameIsReportedAndTheNextOneDecodes(CallGemCharset cs) {
        SdmpFrameDecoder decoder = new SdmpFrameDecoder(cs, 16);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        String big = "OZ\\DT" + "x".repeat(40);
        ch.writeInbound(bytes(cs, big + "\0OZ\\TXok\0"));
        List<Object> out = drain(ch);
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isEqualTo(new TooLongFrame(big.length(), big));
        assertThat(out.get(1)).isEqualTo("OZ\\TXok");
        assertThat(decoder.discardedFrames()).isEqualTo(1);
        ch.finishAndReleaseAll();
    }

    @ParameterizedTest
    @EnumSource(CallGemCharset.class)
    void tooLongFrameArrivingInPiecesIsDiscardedAsItStreams(CallGemCharset cs) {
        SdmpFrameDecoder decoder = new SdmpFrameDecoder(cs, 16);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        for (int i = 0; i < 10; i++) {
            ch.writeInbound(bytes(cs, "0123456789"));
        }
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(decoder.discardedFrames()).isEqualTo(1);
        ch.writeInbound(bytes(cs, "end\r\nEF\\TXa\0"));
        List<Object> out = drain(ch);
        assertThat(out).hasSize(2);
        TooLongFrame tooLong = (TooLongFrame) out.get(0);
        assertThat(tooLong.length()).isEqualTo(103);
        assertThat(tooLong.head()).startsWith("0123456789012345");
        assertThat(out.get(1)).isEqualTo("EF\\TXa");
        ch.finishAndReleaseAll();
    }

    static ByteBuf bytes(CallGemCharset cs, String s) {
        return Unpooled.copiedBuffer(s, cs.charset());
    }

    static List<Object> drain(EmbeddedChannel ch) {
        List<Object> out = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            out.add(o);
        }
        return out;
    }
}

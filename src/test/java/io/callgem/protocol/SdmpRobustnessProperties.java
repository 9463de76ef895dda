package io.callgem.protocol;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Untrusted input: random bytes and strings never throw out of the decoders, parser or reader. */
class SdmpRobustnessProperties {

    @Property(tries = 400)
    void randomBytesNeverThrowOutOfTheDecoder(@ForAll("garbage") byte[] bytes, @ForAll CallGemCharset cs,
                                              @ForAll @IntRange(min = 1, max = 64) int chunk) {
        EmbeddedChannel ch = new EmbeddedChannel(new SdmpFrameDecoder(cs, 48), new SdmpMessageDecoder());
        for (int i = 0; i < bytes.length; i += chunk) {
            ch.writeInbound(Unpooled.copiedBuffer(bytes, i, Math.min(chunk, bytes.length - i)));
        }
        ch.checkException();
        List<Object> out = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            out.add(o);
        }
        assertThat(out).allSatisfy(o -> assertThat(o).isInstanceOfAny(SdmpMessage.class, MalformedFrame.class, TooLongFrame.class));
        assertThat(ch.isActive()).isTrue();
        ch.finishAndReleaseAll();
    }

    @Property(tries = 400)
    void parserThrowsOnlyParseExceptionsAndReaderNeverThrows(@ForAll("sdmpish") String frame) {
        assertThatCode(() -> {
            try {
                SdmpMessage m = SdmpParser.parse(frame);
                Outcome o = new OutcomeReader().readLenient(m);
                assertThat(o.problems()).allSatisfy(p -> assertThat(p).matches("(?s)^[A-Za-z0-9]{2}: .+"));
                assertThat(SdmpParser.parse(m.toWire())).isEqualTo(m);
            } catch (SdmpParseException e) {
                assertThat(e.position()).isBetween(0, Math.max(0, frame.length()));
            }
        }).doesNotThrowAnyException();
    }

    @Property(tries = 300)
    void dataDecodingNeverThrows(@ForAll("dataish") String raw) {
        LineOfBusinessData d = LineOfBusinessData.parse(raw);
        assertThat(d.raw()).isEqualTo(raw);
        if (d.problem() != null) {
            assertThat(d.fields()).isEmpty();
        }
    }

    @Property(tries = 200)
    void framesSurviveAnySplit(@ForAll @Size(max = 8) List<@net.jqwik.api.constraints.StringLength(max = 40) String> frames,
                               @ForAll CallGemCharset cs, @ForAll Terminator terminator,
                               @ForAll @IntRange(min = 1, max = 7) int chunk) {
        List<String> expected = new ArrayList<>();
        StringBuilder stream = new StringBuilder();
        for (String f : frames) {
            String clean = f.replace('\0', ' ').replace('\n', ' ').replace('\r', ' ');
            String onWire = new String(clean.getBytes(cs.charset()), cs.charset());
            if (!onWire.isEmpty()) {
                expected.add(onWire);
            }
            stream.append(clean).append(terminator.text());
        }
        byte[] bytes = stream.toString().getBytes(cs.charset());
        EmbeddedChannel ch = new EmbeddedChannel(new SdmpFrameDecoder(cs, 1024));
        for (int i = 0; i < bytes.length; i += chunk) {
            ch.writeInbound(Unpooled.copiedBuffer(bytes, i, Math.min(chunk, bytes.length - i)));
        }
        List<Object> out = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            out.add(o);
        }
        assertThat(out).containsExactlyElementsOf(expected);
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        Arbitrary<Byte> interesting = Arbitraries.of((byte) 0, (byte) '\n', (byte) '\r', (byte) '\\', (byte) '"',
                (byte) 'O', (byte) 'Z', (byte) ':', (byte) 0xff);
        Arbitrary<Byte> any = Arbitraries.bytes();
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, any), net.jqwik.api.Tuple.of(1, interesting))
                .array(byte[].class).ofMaxSize(600);
    }

    @Provide
    Arbitrary<String> sdmpish() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of("OZ", "EF", "CG:MA:", "\\", "\\TX", "\\RE", "\\TS", "\\AO", "\\DT", "\\CN", "\\IB",
                        "\\FM\"", "\"", "46000.5", "-1", "NaN", "10", "abc", "~", "<MagicXMLDocument>", ":", "\\X1", "\\T1"),
                Arbitraries.strings().ofMaxLength(4));
        return pieces.list().ofMaxSize(16).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> dataish() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of("~", "~3~", "A", "<", ">", "<MagicXMLDocument>", "</MagicXMLDocument>", "<r>", "<c n=\"a\" d=\"b\"/>",
                        "<!DOCTYPE x [<!ENTITY e \"v\">]>", "&e;", "&amp;", "\"", " "),
                Arbitraries.strings().ofMaxLength(5));
        return pieces.list().ofMaxSize(12).map(l -> String.join("", l));
    }
}

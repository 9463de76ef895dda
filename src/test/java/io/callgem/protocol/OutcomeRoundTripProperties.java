package io.callgem.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** parse(encode(x)) == x for every valid outcome, as text and as bytes through the Netty codec. */
class OutcomeRoundTripProperties {

    private static final ZoneId[] ZONES = {ZoneOffset.UTC, ZoneOffset.ofHoursMinutes(5, 30), ZoneOffset.ofHours(-8)};

    @Property(tries = 300)
    void textRoundTrip(@ForAll("validOutcomes") Outcome o, @ForAll("zoneIndex") int zone) throws Exception {
        ZoneId z = ZONES[zone];
        String wire = new OutcomeWriter(z).write(o).toWire();
        Outcome back = new OutcomeReader(z, true).read(SdmpParser.parse(wire));
        assertThat(back).isEqualTo(o);
    }

    @Property(tries = 150)
    void byteRoundTripInBothCharsets(@ForAll("validOutcomes") Outcome o, @ForAll Terminator terminator) throws Exception {
        for (CallGemCharset cs : CallGemCharset.values()) {
            EmbeddedChannel out = new EmbeddedChannel(new SdmpFrameEncoder(cs, terminator));
            EmbeddedChannel in = new EmbeddedChannel(new SdmpFrameDecoder(cs), new SdmpMessageDecoder());
            out.writeOutbound(new OutcomeWriter().write(o));
            ByteBuf bytes = out.readOutbound();
            in.writeInbound(bytes);
            SdmpMessage m = in.readInbound();
            assertThat(new OutcomeReader(ZoneOffset.UTC, true).read(m)).as(cs.name()).isEqualTo(o);
            assertThat(out.finishAndReleaseAll()).isFalse();
            assertThat(in.finishAndReleaseAll()).isFalse();
        }
    }

    @Provide
    Arbitrary<Integer> zoneIndex() {
        return Arbitraries.integers().between(0, ZONES.length - 1);
    }

    /** Valid outcomes; text is Latin-1 printable so that the ASCII port can carry it too. */
    @Provide
    Arbitrary<Outcome> validOutcomes() {
        return Builders.withBuilder(Outcome::builder)
                .use(text(1, 87)).in(Outcome.Builder::transactionId)
                .use(text(1, 120)).in(Outcome.Builder::sessionId)
                .use(text(1, 80)).in(Outcome.Builder::groupAddress)
                .use(Arbitraries.integers().between(0, 999)).in(Outcome.Builder::reason)
                .use(instants()).in(Outcome.Builder::timestamp)
                .use(campaigns()).withProbability(0.8).in(Outcome.Builder::campaign)
                .use(Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(80)).withProbability(0.5).in(Outcome.Builder::tenant)
                .use(text(1, 80)).withProbability(0.7).in(Outcome.Builder::agent)
                .use(text(1, 80)).withProbability(0.3).in(Outcome.Builder::agentAlternative)
                .use(Arbitraries.integers().between(0, 9999)).withProbability(0.7).in(Outcome.Builder::agentOutcome)
                .use(text(0, 80)).withProbability(0.6).in(Outcome.Builder::dialedNumber)
                .use(text(0, 80)).withProbability(0.6).in(Outcome.Builder::telephoneNumber)
                .use(text(1, 80)).withProbability(0.4).in(Outcome.Builder::listId)
                .use(text(1, 80)).withProbability(0.3).in(Outcome.Builder::queue)
                .use(Arbitraries.of(true, false)).in(Outcome.Builder::inbound)
                .use(Arbitraries.of(true, false)).in(Outcome.Builder::dontDial)
                .use(Arbitraries.of(true, false)).in(Outcome.Builder::retryAdvised)
                .use(instants()).withProbability(0.6).in(Outcome.Builder::callLaunchedAt)
                .use(instants()).withProbability(0.6).in(Outcome.Builder::callAlertingAt)
                .use(instants()).withProbability(0.6).in(Outcome.Builder::callResultAt)
                .use(instants()).withProbability(0.6).in(Outcome.Builder::trunkDisconnectedAt)
                .use(tags()).in((b, tags) -> {
                    tags.forEach((k, v) -> b.recordingTag(k, v));
                    return b;
                })
                .use(data()).withProbability(0.6).in(Outcome.Builder::data)
                .use(extras()).in((b, extras) -> {
                    extras.forEach(b::extra);
                    return b;
                })
                .build(Outcome.Builder::build);
    }

    /** Printable Latin-1 including '\' (written quoted) and '"', but never the one unwritable pair. */
    static Arbitrary<String> text(int min, int max) {
        return Arbitraries.strings().withCharRange(' ', '~').withCharRange('\u00a0', '\u00ff')
                .ofMinLength(min).ofMaxLength(max)
                .filter(s -> !s.contains("\"\\"));
    }

    static Arbitrary<String> campaigns() {
        return Arbitraries.strings().alpha().numeric().withChars(' ', '-', '_', '.', 'é').ofMinLength(1).ofMaxLength(80);
    }

    static Arbitrary<Instant> instants() {
        // 1900-01-01 .. 2100-01-01, whole milliseconds
        return Arbitraries.longs().between(-2_208_988_800_000L, 4_102_444_800_000L).map(Instant::ofEpochMilli);
    }

    static Arbitrary<Map<Integer, String>> tags() {
        return Arbitraries.maps(Arbitraries.integers().between(1, 6), text(0, 80)).ofMaxSize(6);
    }

    static Arbitrary<String> data() {
        Arbitrary<String> names = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12);
        // no backslash: SDMP has no escape for it, and a DT would need the quoting meant for FM texts
        Arbitrary<String> values = Arbitraries.strings().alpha().numeric().withChars(' ', '&', '<', '>', '"', '\'')
                .ofMaxLength(20);
        Arbitrary<String> legacy = Combinators.combine(names, values).as((n, v) -> n + "~" + v.length() + "~" + v)
                .list().ofMinSize(1).ofMaxSize(6).map(fields -> String.join("~", fields));
        Arbitrary<String> xml = Combinators.combine(names, values)
                .as((n, v) -> "<c n=\"" + n + "\" d=\"" + escape(v) + "\"/>")
                .list().ofMaxSize(6)
                .map(cs -> "<MagicXMLDocument xmlns=\"http://www.sytelco.com/SCC/CM\"><r>" + String.join("", cs)
                        + "</r></MagicXMLDocument>");
        return Arbitraries.oneOf(Arbitraries.just(""), legacy, xml);
    }

    static Arbitrary<Map<String, String>> extras() {
        Arbitrary<String> codes = Arbitraries.strings().withCharRange('A', 'Z').withCharRange('0', '9')
                .ofLength(2).filter(c -> OutcomeReader.Code.of(c) == null);
        return Arbitraries.maps(codes, Arbitraries.oneOf(Arbitraries.just(""), text(1, 30))).ofMaxSize(3);
    }

    private static String escape(String v) {
        return v.chars().mapToObj(c -> switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            default -> String.valueOf((char) c);
        }).collect(Collectors.joining());
    }

    @Property(tries = 300)
    void generatedOutcomesAreValidAndDataDecodes(@ForAll("validOutcomes") Outcome o) throws Exception {
        Outcome back = new OutcomeReader().read(new OutcomeWriter().write(o));
        assertThat(back.problems()).isEmpty();
        if (o.data() != null) {
            assertThat(o.data().problem()).isNull();
        }
        assertThat(List.copyOf(back.recordingTags().keySet())).isSorted();
    }
}

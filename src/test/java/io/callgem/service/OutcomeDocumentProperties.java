package io.callgem.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.callgem.protocol.LineOfBusinessData;
import io.callgem.protocol.Outcome;
import io.callgem.simulator.OutcomeGenerator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * The hot path's shortcuts give exactly what the general code gives: instants written without
 * {@code DateTimeFormatter}, a batch written by one JSON generator, a batch written without one
 * ({@link OutcomeDocument.Lines}), the id hashed from bytes, a line read by position.
 */
class OutcomeDocumentProperties {

    @Property(tries = 2000)
    void instantsAreWrittenExactlyAsInstantToStringWrites(
            @ForAll @LongRange(min = -62_167_219_200L - 86_400, max = 253_402_300_799L + 86_400) long seconds,
            @ForAll("nanos") int nanos) {
        Instant instant = Instant.ofEpochSecond(seconds, nanos);
        assertThat(IsoInstant.toString(instant)).isEqualTo(instant.toString());
    }

    /** One day's instants after another's, and back: the date kept for the day last written is never stale. */
    @Property(tries = 500)
    void instantsOfNearbyDaysInAnyOrderAreWrittenAsInstantToStringWrites(
            @ForAll @LongRange(min = -719_528, max = 2_932_896) long day,
            @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 3 * 86_400 - 1) Integer> secondsFromDay) {
        for (int second : secondsFromDay) {
            Instant instant = Instant.ofEpochSecond(day * 86_400 + second, 0);
            assertThat(IsoInstant.toString(instant)).isEqualTo(instant.toString());
        }
    }

    @Provide
    Arbitrary<Integer> nanos() {
        return Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000),
                Arbitraries.integers().between(0, 999_999).map(us -> us * 1_000),
                Arbitraries.integers().between(0, 999_999_999));
    }

    @Property(tries = 300)
    void aBatchIsItsDocumentsOnePerLineAndEachLineReadsAsTheParserReadsIt(
            @ForAll("outcomes") List<Outcome> outcomes) throws Exception {
        OutcomeDocument.Lines batch = new OutcomeDocument.Lines(16);
        for (Outcome outcome : outcomes) {
            batch.add(outcome, OutcomeId.of(outcome));
        }
        List<String> expected = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            expected.add(new String(OutcomeDocument.toJson(outcome, OutcomeId.of(outcome)), StandardCharsets.UTF_8));
        }
        assertThat(OutcomeBatch.documents(new String(batch.toByteArray(), StandardCharsets.UTF_8))).isEqualTo(expected);
        for (String document : expected) {
            assertThat(OutcomeBatch.line(document)).isEqualTo(OutcomeBatch.parsedLine(document));
        }
    }

    @Property(tries = 1000)
    void linesWriteTheBytesJacksonWrites(@ForAll("anyOutcomes") List<Outcome> outcomes) throws Exception {
        assertLinesAsJackson(outcomes);
    }

    @Property(tries = 1000)
    void theIdHashedFromBytesIsTheIdOfTheKeyText(@ForAll("anyOutcomes") List<Outcome> outcomes) {
        for (Outcome outcome : outcomes) {
            assertThat(OutcomeId.of(outcome)).isEqualTo(OutcomeId.ofKeyText(outcome));
        }
    }

    @Example
    void theSimulatorsOutcomesAsJacksonWritesThem() throws Exception {
        OutcomeGenerator generator = new OutcomeGenerator(7, List.of("Sales1", "Support"), List.of("acme", "globex"),
                Instant.parse("2026-01-05T09:00:00Z"), java.time.Duration.ofMillis(50));
        for (int batch = 0; batch < 20; batch++) {
            List<Outcome> outcomes = generator.next(250);
            assertLinesAsJackson(outcomes);
            for (Outcome outcome : outcomes) {
                assertThat(OutcomeId.of(outcome)).isEqualTo(OutcomeId.ofKeyText(outcome));
            }
        }
    }

    @Example
    void surrogatesControlsAndNonAsciiAsJacksonWritesThem() throws Exception {
        String hostile = "a\u0000\u0001\b\t\n\u000b\f\r\u001f \"\\/\u007f\u0080\u00e9\u07ff\u0800\u20ac\uffff"
                + "\ud83d\ude00\ud800x\udc00";
        Outcome outcome = outcome(hostile, hostile, Map.of(hostile, hostile), Instant.parse("2026-11-26T23:59:59.999Z"));
        Outcome noSurrogate = outcome("caf\u00e9\u20ac\n\u001b", "\u0007\u000b", Map.of("k\u0001", "v\u00ff\u001f"), null);
        assertLinesAsJackson(List.of(outcome, noSurrogate, outcome));
        assertThat(OutcomeId.of(outcome)).isEqualTo(OutcomeId.ofKeyText(outcome));
        assertThat(OutcomeId.of(noSurrogate)).isEqualTo(OutcomeId.ofKeyText(noSurrogate));
    }

    /** The batch is Jackson's document of each outcome, one per line. */
    private static void assertLinesAsJackson(List<Outcome> outcomes) throws Exception {
        ByteArrayOutputStream jackson = new ByteArrayOutputStream();
        OutcomeDocument.Lines lines = new OutcomeDocument.Lines(16);
        for (Outcome outcome : outcomes) {
            String id = OutcomeId.of(outcome);
            if (jackson.size() > 0) {
                jackson.write('\n');
            }
            jackson.writeBytes(OutcomeDocument.toJson(outcome, id));
            lines.add(outcome, id);
        }
        assertThat(new String(lines.toByteArray(), StandardCharsets.UTF_8))
                .isEqualTo(jackson.toString(StandardCharsets.UTF_8));
        assertThat(lines.toByteArray()).isEqualTo(jackson.toByteArray());
        assertThat(lines.documents()).isEqualTo(outcomes.size());
    }

    /** Every field, any text: control characters, non-ASCII, lone and paired surrogates. */
    @Provide
    Arbitrary<List<Outcome>> anyOutcomes() {
        Arbitrary<String> text = Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().ofMaxLength(12),
                Arbitraries.strings().ascii().ofMaxLength(20),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(20),
                Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(8),
                Arbitraries.strings().withChars("\"\\\u0000\u001f\u007f\u0080\u07ff\u0800\ud83d\ude00\n{}=, ").ofMaxLength(10));
        Arbitrary<String> nullable = text.injectNull(0.3);
        Arbitrary<Instant> instants = Arbitraries.longs().between(-62_167_219_200_000L, 253_402_300_799_999L)
                .map(Instant::ofEpochMilli).injectNull(0.2);
        Arbitrary<Integer> numbers = Arbitraries.integers().injectNull(0.3);
        Arbitrary<Map<String, String>> maps = Arbitraries.maps(text, text).ofMaxSize(4);
        Arbitrary<LineOfBusinessData> data = net.jqwik.api.Combinators.combine(text, maps)
                .as((raw, fields) -> new LineOfBusinessData(raw, fields, null)).injectNull(0.2);
        Arbitrary<Outcome.Builder> strings = net.jqwik.api.Combinators.combine(nullable, nullable, nullable, nullable,
                nullable, nullable, nullable, nullable).as((a, b, c, d, e, f, g, h) -> Outcome.builder()
                .transactionId(a).campaign(b).tenant(c).sessionId(d).groupAddress(e).agent(f).agentAlternative(g)
                .dialedNumber(h));
        Arbitrary<Outcome.Builder> more = net.jqwik.api.Combinators.combine(strings, nullable, nullable, nullable,
                numbers, numbers, Arbitraries.integers().between(0, 7)).as((b, tn, li, qn, ao, re, flags) -> b
                .telephoneNumber(tn).listId(li).queue(qn).agentOutcome(ao).reason(re).inbound((flags & 1) != 0)
                .dontDial((flags & 2) != 0).retryAdvised((flags & 4) != 0));
        return net.jqwik.api.Combinators.combine(more, instants, instants, instants, maps, data, maps,
                text.list().ofMaxSize(2)).as((b, ts, x1, x4, tags, dt, extra, problems) -> {
                    b.timestamp(ts).callLaunchedAt(x1).trunkDisconnectedAt(x4).data(dt);
                    tags.forEach(b::extra);   // a map of any keys (recording tags only take T1-T6)
                    Outcome o = b.build();
                    return new Outcome(o.transactionId(), o.campaign(), o.tenant(), o.sessionId(), o.groupAddress(),
                            o.agent(), o.agentAlternative(), o.agentOutcome(), o.reason(), o.reasonText(), o.liveCall(),
                            o.dialedNumber(), o.telephoneNumber(), o.listId(), o.queue(), o.inbound(), o.dontDial(),
                            o.retryAdvised(), o.timestamp(), o.callLaunchedAt(), o.callAlertingAt(), o.callResultAt(),
                            o.trunkDisconnectedAt(), extra, o.data(), o.extra(), problems);
                }).list().ofMinSize(1).ofMaxSize(4);
    }

    @Example
    void aLineWhoseTextMimicsTheTimestampFieldIsStillReadRight() {
        Outcome tricky = outcome("a\",\"timestamp\":\"1999-01-01T00:00:00Z", "x\\\",\"timestamp\":null",
                Map.of("timestamp", "1999-01-01T00:00:00Z"), Instant.parse("2026-11-26T23:59:59.999Z"));
        String document = new String(OutcomeDocument.toJson(tricky, OutcomeId.of(tricky)), StandardCharsets.UTF_8);
        assertThat(OutcomeBatch.line(document)).isEqualTo(OutcomeBatch.parsedLine(document));
        assertThat(OutcomeBatch.line(document).date()).isEqualTo("2026-11-26");
        assertThat(OutcomeBatch.line(document).tenant()).isEqualTo("a\",\"timestamp\":\"1999-01-01T00:00:00Z");
    }

    @Provide
    Arbitrary<List<Outcome>> outcomes() {
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(12),
                Arbitraries.strings().withChars("\"\\,:{}timestap\n\u00e9\u20ac").ofMaxLength(20),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8));
        Arbitrary<Instant> instants = Arbitraries.longs().between(0, 4_102_444_800_000L).map(Instant::ofEpochMilli)
                .injectNull(0.2);
        Arbitrary<Map<String, String>> maps = Arbitraries.maps(text, text).ofMaxSize(3);
        return net.jqwik.api.Combinators.combine(text.injectNull(0.2), text, maps, instants)
                .as(OutcomeDocumentProperties::outcome).list().ofMinSize(1).ofMaxSize(5);
    }

    private static Outcome outcome(String tenant, String agent, Map<String, String> data, Instant timestamp) {
        return Outcome.builder().transactionId("1").campaign("Sales1").tenant(tenant).sessionId("S" + agent.length())
                .agent(agent).reason(2).timestamp(timestamp).callResultAt(timestamp == null ? null : timestamp.plusNanos(1_000))
                .data(new LineOfBusinessData("raw", data, null)).extra("ZZ", agent).build();
    }
}

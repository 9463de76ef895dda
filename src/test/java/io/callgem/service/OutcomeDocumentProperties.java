package io.callgem.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import io.callgem.protocol.LineOfBusinessData;
import io.callgem.protocol.Outcome;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/**
 * The hot path's shortcuts give exactly what the general code gives: instants written without
 * {@code DateTimeFormatter}, a batch written by one JSON generator, a line read by position.
 */
class OutcomeDocumentProperties {

    @Property(tries = 2000)
    void instantsAreWrittenExactlyAsInstantToStringWrites(
            @ForAll @LongRange(min = -62_167_219_200L - 86_400, max = 253_402_300_799L + 86_400) long seconds,
            @ForAll("nanos") int nanos) {
        Instant instant = Instant.ofEpochSecond(seconds, nanos);
        assertThat(IsoInstant.toString(instant)).isEqualTo(instant.toString());
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
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        try (JsonGenerator json = OutcomeDocument.lines(batch)) {
            for (Outcome outcome : outcomes) {
                OutcomeDocument.write(outcome, OutcomeId.of(outcome), json);
            }
        }
        List<String> expected = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            expected.add(new String(OutcomeDocument.toJson(outcome, OutcomeId.of(outcome)), StandardCharsets.UTF_8));
        }
        assertThat(OutcomeBatch.documents(batch.toString(StandardCharsets.UTF_8))).isEqualTo(expected);
        for (String document : expected) {
            assertThat(OutcomeBatch.line(document)).isEqualTo(OutcomeBatch.parsedLine(document));
        }
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

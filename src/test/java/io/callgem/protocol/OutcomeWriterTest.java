package io.callgem.protocol;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class OutcomeWriterTest {

    @Test
    void writtenOutcomeReadsBackEqual() throws Exception {
        ZoneId zone = ZoneId.of("Europe/London");
        Outcome o = Outcome.builder().transactionId("EO1").campaign("Sales1").tenant("acme").sessionId("s1")
                .groupAddress("g1").agent("Joe").agentAlternative("j\\doe").agentOutcome(167).reason(10)
                .dialedNumber("").telephoneNumber("0123").inbound(true).retryAdvised(true)
                .timestamp(Instant.parse("2025-07-01T10:11:12.345Z"))
                .callLaunchedAt(Instant.parse("2025-07-01T10:10:00.001Z"))
                .recordingTag(2, "b").recordingTag(1, "a")
                .data("<MagicXMLDocument><r><c n=\"k\" d=\"v\"/></r></MagicXMLDocument>")
                .extra("ZZ", "x").extra("Q1", "").build();
        SdmpMessage m = new OutcomeWriter(zone).write(o);
        assertThat(m.code()).isEqualTo("OZ");
        assertThat(m.get("AG")).isEqualTo("j\\doe");
        assertThat(m.toWire()).contains("\\AG\"j\\doe\"").contains("\\IB").contains("\\T1a\\T2b");
        Outcome back = new OutcomeReader(zone, true).read(SdmpParser.parse(m.toWire()));
        assertThat(back).isEqualTo(o);
        assertThat(back.liveCall()).isTrue();
        assertThat(back.data().fields()).containsEntry("k", "v");
    }
}

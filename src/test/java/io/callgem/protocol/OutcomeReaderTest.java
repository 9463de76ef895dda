package io.callgem.protocol;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutcomeReaderTest {

    static final String SPEC_EXAMPLE = "OZ\\TXEOSales1\\CNSales1\\ANJoe\\SI001234567890\\RE10\\AO167\\DT";

    private final OutcomeReader lenient = new OutcomeReader(ZoneOffset.UTC, false);
    private final OutcomeReader strict = new OutcomeReader(ZoneOffset.UTC, true);

    @Test
    void specExampleIsDeliveredLenientlyWithItsProblems() throws Exception {
        Outcome o = lenient.read(SdmpParser.parse(SPEC_EXAMPLE));
        assertThat(o.transactionId()).isEqualTo("EOSales1");
        assertThat(o.campaign()).isEqualTo("Sales1");
        assertThat(o.agent()).isEqualTo("Joe");
        assertThat(o.sessionId()).isEqualTo("001234567890");
        assertThat(o.reason()).isEqualTo(10);
        assertThat(o.reasonText()).isEqualTo("connected");
        assertThat(o.liveCall()).isTrue();
        assertThat(o.agentOutcome()).isEqualTo(167);
        assertThat(o.data()).isEqualTo(new LineOfBusinessData("", Map.of(), null));
        assertThat(o.problems()).containsExactly("GA: mandatory parameter missing", "TS: mandatory parameter missing");
        assertThat(o.valid()).isFalse();
    }

    @Test
    void specExampleIsRejectedInStrictMode() {
        assertThatThrownBy(() -> strict.read(SdmpParser.parse(SPEC_EXAMPLE)))
                .isInstanceOf(InvalidOutcomeException.class)
                .hasMessageContaining("GA: mandatory parameter missing")
                .satisfies(e -> {
                    InvalidOutcomeException ex = (InvalidOutcomeException) e;
                    assertThat(ex.problems()).containsExactly("GA: mandatory parameter missing",
                            "TS: mandatory parameter missing");
                    assertThat(ex.outcome().agent()).isEqualTo("Joe");
                });
    }

    @Test
    void fullOutcomeReadsEveryParameter() throws Exception {
        String wire = "OZ\\TXEO1\\CNSales1\\TDacme01\\SIs-1\\GAgroup1\\ANJoe\\AGj.doe\\AO5\\RE2\\DN01234\\TN5678"
                + "\\LIlist7\\QNq1\\IB\\DD\\RA\\TS46000.5\\X146000.25\\X246000.2500115741\\X346000.75\\X446001"
                + "\\T1tagA\\T3\\DTA~1~x\\ZZnew\\Q1";
        Outcome o = strict.read(SdmpParser.parse(wire));
        assertThat(o.problems()).isEmpty();
        assertThat(o.tenant()).isEqualTo("acme01");
        assertThat(o.groupAddress()).isEqualTo("group1");
        assertThat(o.agentAlternative()).isEqualTo("j.doe");
        assertThat(o.reasonText()).isEqualTo("no answer");
        assertThat(o.liveCall()).isFalse();
        assertThat(o.dialedNumber()).isEqualTo("01234");
        assertThat(o.telephoneNumber()).isEqualTo("5678");
        assertThat(o.listId()).isEqualTo("list7");
        assertThat(o.queue()).isEqualTo("q1");
        assertThat(o.inbound()).isTrue();
        assertThat(o.dontDial()).isTrue();
        assertThat(o.retryAdvised()).isTrue();
        assertThat(o.timestamp()).isEqualTo(Instant.parse("2025-12-09T12:00:00Z"));
        assertThat(o.callLaunchedAt()).isEqualTo(Instant.parse("2025-12-09T06:00:00Z"));
        assertThat(o.callAlertingAt()).isEqualTo(Instant.parse("2025-12-09T06:00:01Z"));
        assertThat(o.callResultAt()).isEqualTo(Instant.parse("2025-12-09T18:00:00Z"));
        assertThat(o.trunkDisconnectedAt()).isEqualTo(Instant.parse("2025-12-10T00:00:00Z"));
        assertThat(o.recordingTags()).containsExactly(Map.entry("T1", "tagA"), Map.entry("T3", ""));
        assertThat(o.data().fields()).containsExactly(Map.entry("A", "x"));
        assertThat(o.extra()).containsExactly(Map.entry("ZZ", "new"), Map.entry("Q1", ""));
    }

    @Test
    void absentOptionalsAreNullOrFalse() throws Exception {
        Outcome o = lenient.read(SdmpParser.parse("OZ\\TXa\\GAg\\SIs\\RE99\\TS46000"));
        assertThat(o.valid()).isTrue();
        assertThat(o.reasonText()).isEqualTo("unknown");
        assertThat(o.reason()).isEqualTo(99);
        assertThat(o.data()).isNull();
        assertThat(o.agentOutcome()).isNull();
        assertThat(o.inbound()).isFalse();
        assertThat(o.recordingTags()).isEmpty();
        assertThat(o.extra()).isEmpty();
    }
}

package io.callgem.simulator;

import io.callgem.protocol.ErrorReply;
import io.callgem.protocol.Outcome;
import io.callgem.protocol.OutcomeReader;
import io.callgem.protocol.SdmpMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the simulator answers to EO and other requests (protocol brief, "Subscribing"). */
class EnumerateRulesTest {

    private CallGemSimulator simulator;
    private TestClient client;

    @BeforeEach
    void start() throws Exception {
        simulator = CallGemSimulator.start(SimulatorSettings.forTests());
        client = new TestClient(simulator.port());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        simulator.stop();
    }

    @Test
    void eoWithoutTxGetsEc803() throws Exception {
        ErrorReply er = ErrorReply.from(client.send("EO\\CNSales1\\FO\\SO").next());
        assertThat(er.code()).isEqualTo(803);
        assertThat(er.transactionId()).isNull();
        assertThat(simulator.activeSubscriptions()).isEmpty();
    }

    @Test
    void eoWithEmptyTxGetsEc803() throws Exception {
        assertThat(ErrorReply.from(client.send("EO\\TX\\CNSales1\\FO").next()).code()).isEqualTo(803);
    }

    @Test
    void unexpectedParameterIsRejected() throws Exception {
        ErrorReply er = ErrorReply.from(client.send("EO\\TXt1\\CNSales1\\FO\\ZZ1").next());
        assertThat(er.transactionId()).isEqualTo("t1");
        assertThat(er.code()).isEqualTo(RequestRules.UNEXPECTED_PARAMETER);
        assertThat(er.text()).contains("ZZ");
        assertThat(simulator.activeSubscriptions()).isEmpty();
    }

    @Test
    void eoWithNeitherFoNorSoIsRejected() throws Exception {
        ErrorReply er = ErrorReply.from(client.send("EO\\TXt1\\CNSales1").next());
        assertThat(er.transactionId()).isEqualTo("t1");
        assertThat(er.code()).isEqualTo(RequestRules.INVALID_PARAMETER);
        assertThat(simulator.activeSubscriptions()).isEmpty();
    }

    @Test
    void flagWithValueAndEmptyCampaignAreRejected() throws Exception {
        assertThat(client.send("EO\\TXt1\\CNSales1\\FOyes").next().code()).isEqualTo("ER");
        assertThat(client.send("EO\\TXt2\\CN\\FO").next().code()).isEqualTo("ER");
        assertThat(client.send("EO\\TXt3\\CNSales1\\FO\\CSfast").next().code()).isEqualTo("ER");
    }

    @Test
    void txInUseOnTheConnectionIsRejected() throws Exception {
        client.subscribe("t1", "Sales1");
        simulator.awaitSubscriptions(1, TestClient.WAIT);
        ErrorReply er = ErrorReply.from(client.subscribe("t1", "Sales2").next());
        assertThat(er.code()).isEqualTo(RequestRules.DUPLICATE_TRANSACTION);
        assertThat(simulator.activeSubscriptions()).hasSize(1);
    }

    @Test
    void otherMessagesAndUnknownEeAreRejected() throws Exception {
        assertThat(ErrorReply.from(client.send("XX\\TXt9").next()).code()).isEqualTo(RequestRules.UNSUPPORTED_MESSAGE);
        assertThat(ErrorReply.from(client.send("EE\\TXnope").next()).code()).isEqualTo(RequestRules.UNKNOWN_TRANSACTION);
        assertThat(ErrorReply.from(client.send("EE").next()).code()).isEqualTo(803);
    }

    @Test
    void acceptedEoGetsNoReplyAndItsOutcomesCarryItsTx() throws Exception {
        client.send("EO\\TXEOSales1\\CNSales1\\FO\\SO");
        simulator.awaitSubscriptions(1, TestClient.WAIT);
        List<Outcome> generated = simulator.generate(60);
        simulator.send(TestClient.END_MARKER);

        List<SdmpMessage> received = client.untilEndMarker();

        List<Outcome> expected = generated.stream().filter(o -> o.campaign().equals("Sales1"))
                .map(o -> o.toBuilder().transactionId("EOSales1").build()).toList();
        assertThat(expected).isNotEmpty();
        OutcomeReader strict = new OutcomeReader(ZoneOffset.UTC, true);
        assertThat(received).allSatisfy(m -> {
            assertThat(m.code()).isEqualTo("OZ");
            assertThat(m.parameters().get(0).code()).isEqualTo("TX");
            assertThat(m.get("TX")).isEqualTo("EOSales1");
        });
        assertThat(received.stream().map(m -> {
            try {
                return strict.read(m);
            } catch (Exception e) {
                throw new AssertionError(m + ": " + e, e);
            }
        }).toList()).containsExactlyElementsOf(expected);
        assertThat(simulator.received("EO")).hasSize(1);
        assertThat(simulator.outcomesSent()).isEqualTo(expected.size());
    }
}

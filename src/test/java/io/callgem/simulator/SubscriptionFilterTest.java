package io.callgem.simulator;

import io.callgem.protocol.Outcome;
import io.callgem.protocol.OutcomeReader;
import io.callgem.protocol.SdmpMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Which outcomes a subscription gets: CN and TD filters, FO and SO. */
class SubscriptionFilterTest {

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

    /** Subscribes with {@code eo}, generates, and checks exactly the expected outcomes arrived, in order. */
    private List<Outcome> expectExactly(String eo, int generate, Predicate<Outcome> expected) throws Exception {
        client.send(eo);
        simulator.awaitSubscriptions(1, TestClient.WAIT);
        List<Outcome> generated = simulator.generate(generate);
        simulator.send(TestClient.END_MARKER);
        List<String> received = client.untilEndMarker().stream().map(m -> m.get("SI")).toList();
        List<String> want = generated.stream().filter(expected).map(Outcome::sessionId).toList();
        assertThat(want).isNotEmpty();
        assertThat(want.size()).isLessThan(generate);
        assertThat(received).isEqualTo(want);
        return generated;
    }

    @Test
    void campaignFilter() throws Exception {
        expectExactly("EO\\TXt\\CNSales2\\FO\\SO", 100, o -> o.campaign().equals("Sales2"));
    }

    @Test
    void tenantFilterSpansCampaigns() throws Exception {
        List<Outcome> all = expectExactly("EO\\TXt\\TDglobex\\FO\\SO", 100, o -> o.tenant().equals("globex"));
        assertThat(all.stream().filter(o -> o.tenant().equals("globex")).map(Outcome::campaign).distinct())
                .hasSizeGreaterThan(1);
    }

    @Test
    void successesOnly() throws Exception {
        expectExactly("EO\\TXt\\SO", 100, o -> o.reason() == 10);
    }

    @Test
    void failuresOnlyWithBothFilters() throws Exception {
        expectExactly("EO\\TXt\\CNSales1\\TDacme\\FO", 200,
                o -> o.reason() != 10 && o.campaign().equals("Sales1") && o.tenant().equals("acme"));
    }

    @Test
    void sendOutcomeGoesToEverySubscriptionUnderItsTx() throws Exception {
        client.subscribe("bySales1", "Sales1").send("EO\\TXbyAcme\\TDacme\\FO\\SO")
                .send("EO\\TXbyGlobex\\TDglobex\\FO\\SO");
        simulator.awaitSubscriptions(3, TestClient.WAIT);
        Outcome outcome = Outcome.builder().transactionId("ignored").campaign("Sales1").tenant("acme")
                .sessionId("S-1").groupAddress("g").reason(2).timestamp(java.time.Instant.parse("2026-01-05T10:00:00Z"))
                .build();

        assertThat(simulator.sendOutcome(outcome)).isEqualTo(2);
        List<SdmpMessage> got = client.next(2);
        assertThat(got).extracting(m -> m.get("TX")).containsExactlyInAnyOrder("bySales1", "byAcme");
        assertThat(new OutcomeReader().read(got.get(0)).sessionId()).isEqualTo("S-1");
    }
}

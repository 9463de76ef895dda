package io.callgem.simulator;

import io.callgem.protocol.Outcome;
import io.callgem.protocol.SdmpMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** PS: outcomes kept while the subscriber is away, replayed under the new TX, bounded. */
class PersistTokenTest {

    private CallGemSimulator simulator;

    @AfterEach
    void stop() {
        simulator.stop();
    }

    private void start(int historyBound) {
        simulator = CallGemSimulator.start(SimulatorSettings.forTests().withHistoryBound(historyBound));
    }

    private void awayOf(TestClient client) throws Exception {
        client.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.connectionCount() == 0);
    }

    private static List<String> sessions(List<SdmpMessage> messages) {
        return messages.stream().map(m -> m.get("SI")).toList();
    }

    private static List<String> sessions(List<Outcome> outcomes, String campaign) {
        return outcomes.stream().filter(o -> o.campaign().equals(campaign)).map(Outcome::sessionId).toList();
    }

    @Test
    void outcomesKeptWhileAwayAreReplayedFirstUnderTheNewTx() throws Exception {
        start(10_000);
        TestClient first = new TestClient(simulator.port());
        first.send("EO\\TXbefore\\CNSales1\\FO\\SO\\PStoken-1");
        simulator.awaitSubscriptions(1, TestClient.WAIT);
        List<Outcome> live = simulator.generate(30);
        simulator.send(TestClient.END_MARKER);
        assertThat(sessions(first.untilEndMarker())).isEqualTo(sessions(live, "Sales1"));
        awayOf(first);

        List<Outcome> whileAway = simulator.generate(60);
        assertThat(simulator.outcomesWaiting()).isEqualTo(sessions(whileAway, "Sales1").size());
        assertThat(simulator.activeSubscriptions()).isEmpty();

        try (TestClient second = new TestClient(simulator.port())) {
            second.send("EO\\TXafter\\CNSales1\\FO\\SO\\PStoken-1");
            simulator.awaitSubscriptions(1, TestClient.WAIT);
            List<Outcome> afterwards = simulator.generate(30);
            simulator.send(TestClient.END_MARKER);
            List<SdmpMessage> received = second.untilEndMarker();

            assertThat(received).allSatisfy(m -> assertThat(m.get("TX")).isEqualTo("after"));
            List<String> expected = new java.util.ArrayList<>(sessions(whileAway, "Sales1"));
            expected.addAll(sessions(afterwards, "Sales1"));
            assertThat(sessions(received)).isEqualTo(expected);
            assertThat(simulator.outcomesWaiting()).isZero();
        }
    }

    @Test
    void historyIsBoundedAndTheOldestAreDropped() throws Exception {
        start(5);
        TestClient first = new TestClient(simulator.port());
        first.send("EO\\TXa\\FO\\SO\\PSbounded");
        simulator.awaitSubscriptions(1, TestClient.WAIT);
        awayOf(first);

        List<Outcome> whileAway = simulator.generate(8);
        assertThat(simulator.outcomesWaiting()).isEqualTo(5);
        assertThat(simulator.outcomesDropped()).isEqualTo(3);

        try (TestClient second = new TestClient(simulator.port())) {
            second.send("EO\\TXb\\FO\\SO\\PSbounded");
            assertThat(sessions(second.next(5)))
                    .isEqualTo(whileAway.subList(3, 8).stream().map(Outcome::sessionId).toList());
        }
    }

    @Test
    void eachCampaignOfOneTokenIsKeptApart() throws Exception {
        start(10_000);
        TestClient first = new TestClient(simulator.port());
        first.send("EO\\TXs1\\CNSales1\\FO\\SO\\PSservice").send("EO\\TXs2\\CNSales2\\FO\\SO\\PSservice");
        simulator.awaitSubscriptions(2, TestClient.WAIT);
        awayOf(first);
        List<Outcome> whileAway = simulator.generate(40);

        try (TestClient second = new TestClient(simulator.port())) {
            second.send("EO\\TXn2\\CNSales2\\FO\\SO\\PSservice");
            simulator.awaitSubscriptions(1, TestClient.WAIT);
            simulator.send(TestClient.END_MARKER);
            assertThat(sessions(second.untilEndMarker())).isEqualTo(sessions(whileAway, "Sales2"));
            assertThat(simulator.outcomesWaiting()).isEqualTo(sessions(whileAway, "Sales1").size());

            second.send("EO\\TXn1\\CNSales1\\FO\\SO\\PSservice");
            simulator.awaitSubscriptions(2, TestClient.WAIT);
            simulator.send(TestClient.END_MARKER);
            List<SdmpMessage> replay = second.untilEndMarker();
            assertThat(replay).allSatisfy(m -> assertThat(m.get("TX")).isEqualTo("n1"));
            assertThat(sessions(replay)).isEqualTo(sessions(whileAway, "Sales1"));
        }
    }

    @Test
    void nothingIsKeptWithoutTokenOrAfterEe() throws Exception {
        start(10_000);
        TestClient first = new TestClient(simulator.port());
        first.send("EO\\TXplain\\FO\\SO").send("EO\\TXended\\CNSales1\\FO\\SO\\PSgone");
        simulator.awaitSubscriptions(2, TestClient.WAIT);
        first.send("EE\\TXended");
        assertThat(first.next().code()).isEqualTo("EF");
        awayOf(first);

        simulator.generate(20);
        assertThat(simulator.outcomesWaiting()).isZero();

        try (TestClient second = new TestClient(simulator.port())) {
            second.send("EO\\TXagain\\CNSales1\\FO\\SO\\PSgone");
            simulator.awaitSubscriptions(1, TestClient.WAIT);
            simulator.send(TestClient.END_MARKER);
            assertThat(second.untilEndMarker()).isEmpty();
        }
    }

    @Test
    void aNewEoWithTheTokenTakesOverFromAStaleConnection() throws Exception {
        start(10_000);
        try (TestClient stale = new TestClient(simulator.port()); TestClient fresh = new TestClient(simulator.port())) {
            stale.send("EO\\TXold\\FO\\SO\\PStk");
            simulator.awaitSubscriptions(1, TestClient.WAIT);
            fresh.send("EO\\TXnew\\FO\\SO\\PStk");
            await().atMost(Duration.ofSeconds(10)).until(() -> simulator.activeSubscriptions().stream()
                    .anyMatch(eo -> eo.transactionId().equals("new")));
            assertThat(simulator.activeSubscriptions()).hasSize(1);
            simulator.generate(3);
            assertThat(fresh.next(3)).allSatisfy(m -> assertThat(m.get("TX")).isEqualTo("new"));
            simulator.send(TestClient.END_MARKER);
            assertThat(stale.untilEndMarker()).isEmpty();
        }
    }
}

package io.callgem.simulator;

import io.callgem.protocol.EnumerationFinished;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** EE ends a subscription with EF; a closed socket ends all of its subscriptions. */
class EndEnumerationTest {

    private CallGemSimulator simulator;

    @BeforeEach
    void start() {
        simulator = CallGemSimulator.start(SimulatorSettings.forTests());
    }

    @AfterEach
    void stop() {
        simulator.stop();
    }

    @Test
    void eeIsAnsweredWithEfAndNoOutcomeFollows() throws Exception {
        try (TestClient client = new TestClient(simulator.port())) {
            client.send("EO\\TXall\\FO\\SO");
            simulator.awaitSubscriptions(1, TestClient.WAIT);
            simulator.generate(5);
            assertThat(client.next(5)).allSatisfy(m -> assertThat(m.get("TX")).isEqualTo("all"));

            client.send("EE\\TXall");
            assertThat(EnumerationFinished.from(client.next()).transactionId()).isEqualTo("all");
            assertThat(simulator.activeSubscriptions()).isEmpty();
            assertThat(simulator.awaitReceived("EE", TestClient.WAIT).get("TX")).isEqualTo("all");

            simulator.generate(20);
            simulator.send(TestClient.END_MARKER);
            assertThat(client.untilEndMarker()).isEmpty();
        }
    }

    @Test
    void eeEndsOnlyItsOwnSubscription() throws Exception {
        try (TestClient client = new TestClient(simulator.port())) {
            client.subscribe("s1", "Sales1").subscribe("s2", "Sales2");
            simulator.awaitSubscriptions(2, TestClient.WAIT);
            client.send("EE\\TXs1\\TDacme");
            assertThat(client.next().code()).isEqualTo("EF");
            simulator.generate(40);
            simulator.send(TestClient.END_MARKER);
            assertThat(client.untilEndMarker()).isNotEmpty()
                    .allSatisfy(m -> assertThat(m.get("TX")).isEqualTo("s2"));
        }
    }

    @Test
    void closedSocketEndsAllItsSubscriptions() throws Exception {
        try (TestClient stays = new TestClient(simulator.port())) {
            TestClient leaves = new TestClient(simulator.port());
            leaves.subscribe("a", "Sales1").subscribe("b", "Sales2");
            stays.send("EO\\TXc\\FO\\SO");
            simulator.awaitSubscriptions(3, TestClient.WAIT);
            assertThat(simulator.connectionCount()).isEqualTo(2);

            leaves.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> simulator.connectionCount() == 1);
            assertThat(simulator.activeSubscriptions()).extracting(eo -> eo.transactionId()).containsExactly("c");
            assertThat(simulator.totalConnections()).isEqualTo(2);

            simulator.generate(10);
            assertThat(stays.next(10)).allSatisfy(m -> assertThat(m.get("TX")).isEqualTo("c"));
            assertThat(simulator.outcomesSent()).isEqualTo(10);
        }
    }
}

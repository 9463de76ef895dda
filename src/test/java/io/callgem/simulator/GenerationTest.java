package io.callgem.simulator;

import io.callgem.protocol.OutcomeReader;
import io.callgem.protocol.SdmpMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Automatic generation: rate, count, waiting for subscribers, backpressure. */
class GenerationTest {

    @Test
    void countIsDeliveredInFullAsFastAsTheClientReads() throws Exception {
        SimulatorSettings settings = SimulatorSettings.forTests().withRatePerSecond(0).withCount(2_000);
        try (CallGemSimulator simulator = CallGemSimulator.start(settings);
             TestClient client = new TestClient(simulator.port())) {
            Thread.sleep(100);   // nobody subscribed yet: nothing may be generated (and lost) meanwhile
            assertThat(simulator.outcomesGenerated()).isZero();

            client.send("EO\\TXall\\FO\\SO");
            List<SdmpMessage> received = client.next(2_000);
            assertThat(new HashSet<>(received.stream().map(m -> m.get("SI")).toList())).hasSize(2_000);
            simulator.send(TestClient.END_MARKER);
            assertThat(client.untilEndMarker()).isEmpty();
            assertThat(simulator.outcomesGenerated()).isEqualTo(2_000);
            assertThat(simulator.outcomesSent()).isEqualTo(2_000);
        }
    }

    @Test
    void slowReaderHoldsTheGeneratorBack() throws Exception {
        SimulatorSettings settings = SimulatorSettings.forTests().withRatePerSecond(0).withCount(100_000);
        try (CallGemSimulator simulator = CallGemSimulator.start(settings);
             TestClient client = new TestClient(simulator.port())) {
            client.send("EO\\TXslow\\FO\\SO");
            simulator.awaitSubscriptions(1, TestClient.WAIT);
            // The client reads nothing: generation must stop once the socket buffers are full.
            long stopped = TestClient.awaitSteady(simulator::outcomesGenerated);
            assertThat(stopped).isPositive().isLessThan(100_000);

            // Reading makes room, and generation goes on where it stopped.
            List<SdmpMessage> firstRead = client.next(20_000);
            assertThat(firstRead.get(0).get("SI")).endsWith("-0000000001");
            assertThat(firstRead.get(19_999).get("SI")).endsWith("-0000020000");
            await().atMost(Duration.ofSeconds(20)).until(() -> simulator.outcomesGenerated() > stopped);
        }
    }

    @Test
    void rateSpacesTheSimulatedClock() throws Exception {
        SimulatorSettings settings = SimulatorSettings.forTests().withRatePerSecond(50).withCount(10);
        try (CallGemSimulator simulator = CallGemSimulator.start(settings);
             TestClient client = new TestClient(simulator.port())) {
            client.send("EO\\TXr\\FO\\SO");
            List<SdmpMessage> received = client.next(10);
            OutcomeReader reader = new OutcomeReader();
            Instant first = reader.read(received.get(0)).timestamp();
            Instant last = reader.read(received.get(9)).timestamp();
            assertThat(first).isEqualTo(settings.startTime());
            assertThat(Duration.between(first, last)).isEqualTo(Duration.ofMillis(9 * 20));
        }
    }
}

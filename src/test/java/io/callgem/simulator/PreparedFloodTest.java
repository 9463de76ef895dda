package io.callgem.simulator;

import io.callgem.protocol.CallGemCharset;
import io.callgem.protocol.SdmpMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@link CallGemSimulator#prepare}: outcomes generated and encoded ahead, then sent as generated ones would be. */
class PreparedFloodTest {

    @Test
    void aPreparedFloodWritesTheFramesGenerationWouldInEachCharset() throws Exception {
        List<String> generated = received(false);
        List<String> prepared = received(true);
        assertThat(prepared).hasSize(2 * 1_000).isEqualTo(generated);
    }

    /** What an ASCII and a UTF-16LE client of a fresh simulator receive of 1,000 outcomes, as wire text. */
    private static List<String> received(boolean prepare) throws Exception {
        try (CallGemSimulator simulator = CallGemSimulator.start(UnicodePortTest.bothPorts());
             TestClient ascii = new TestClient(simulator.port(CallGemCharset.ASCII));
             TestClient unicode = new TestClient(simulator.port(CallGemCharset.UTF_16LE), CallGemCharset.UTF_16LE)) {
            ascii.send("EO\\TXa\\FO\\SO");
            unicode.send("EO\\TXu\\FO\\SO");
            simulator.awaitSubscriptions(2, TestClient.WAIT);
            if (prepare) {
                CallGemSimulator.Prepared flood = simulator.prepare(1_000);
                assertThat(simulator.outcomesSent()).isZero();   // nothing written before send()
                assertThat(flood.send()).isEqualTo(2 * 1_000);
            } else {
                simulator.generate(1_000);
            }
            simulator.send(TestClient.END_MARKER);
            List<String> frames = new ArrayList<>();
            ascii.untilEndMarker().forEach(m -> frames.add(m.toWire()));
            unicode.untilEndMarker().forEach(m -> frames.add(m.toWire()));
            assertThat(simulator.outcomesSent()).isEqualTo(2 * 1_000);
            return frames;
        }
    }

    @Test
    void aSlowReaderHoldsThePreparedFloodBackAndGetsAllOfItInOrder() throws Exception {
        try (CallGemSimulator simulator = CallGemSimulator.start(SimulatorSettings.forTests());
             TestClient client = new TestClient(simulator.port())) {
            client.send("EO\\TXslow\\FO\\SO");
            simulator.awaitSubscriptions(1, TestClient.WAIT);
            CallGemSimulator.Prepared flood = simulator.prepare(50_000);
            CompletableFuture<Long> sending = CompletableFuture.supplyAsync(flood::send);
            // the client reads nothing: the handing over stops once the socket buffers are full
            assertThat(TestClient.awaitSteady(simulator::outcomesSent)).isPositive().isLessThan(50_000);
            assertThat(sending).isNotDone();

            List<SdmpMessage> all = client.next(50_000);
            assertThat(sending.get()).isEqualTo(50_000);
            assertThat(all.get(0).get("SI")).endsWith("-0000000001");
            assertThat(all.get(49_999).get("SI")).endsWith("-0000050000");
            assertThat(all).allSatisfy(m -> assertThat(m.get("TX")).isEqualTo("slow"));
        }
    }

    @Test
    void framesPreparedForAConnectionThatIsGoneAreNotWritten() throws Exception {
        try (CallGemSimulator simulator = CallGemSimulator.start(SimulatorSettings.forTests())) {
            TestClient client = new TestClient(simulator.port());
            client.send("EO\\TXgone\\FO\\SO");
            simulator.awaitSubscriptions(1, TestClient.WAIT);
            CallGemSimulator.Prepared flood = simulator.prepare(100);
            client.close();
            await().atMost(TestClient.WAIT).until(() -> simulator.connectionCount() == 0);

            flood.send();
            assertThat(simulator.outcomesSent()).isZero();
        }
    }
}

package io.callgem.simulator;

import io.callgem.protocol.CallGemCharset;
import io.callgem.protocol.MalformedFrame;
import io.callgem.protocol.Outcome;
import io.callgem.protocol.SdmpMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each injected fault, seen from the client's side of the socket. */
class FaultInjectionTest {

    private CallGemSimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.stop();
        }
    }

    private CallGemSimulator start(Faults faults) {
        simulator = CallGemSimulator.start(SimulatorSettings.forTests().withFaults(faults));
        return simulator;
    }

    private static List<String> sessions(List<?> frames) {
        return frames.stream().map(f -> ((SdmpMessage) f).get("SI")).toList();
    }

    @Test
    void severAfterNOutcomesAndTheRestIsReplayedWithTheToken() throws Exception {
        start(Faults.none().withSeverAfterOutcomes(3));
        TestClient first = new TestClient(simulator.port());
        first.send("EO\\TXa\\FO\\SO\\PSsev");
        simulator.awaitSubscriptions(1, TestClient.WAIT);
        List<Outcome> generated = simulator.generate(10);

        List<Object> beforeSever = first.readUntilClosed();
        first.close();
        assertThat(beforeSever).hasSize(3);
        assertThat(sessions(beforeSever)).isEqualTo(generated.subList(0, 3).stream().map(Outcome::sessionId).toList());
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.connectionCount() == 0);
        assertThat(simulator.outcomesWaiting()).isEqualTo(7);

        simulator.faults(Faults.none());
        try (TestClient second = new TestClient(simulator.port())) {
            second.send("EO\\TXb\\FO\\SO\\PSsev");
            List<SdmpMessage> rest = second.next(7);
            assertThat(sessions(rest)).isEqualTo(generated.subList(3, 10).stream().map(Outcome::sessionId).toList());
            assertThat(rest).allSatisfy(m -> assertThat(m.get("TX")).isEqualTo("b"));
        }
    }

    @Test
    void refusedConnectionsAreClosedAtOnceUntilTheTimeIsUp() throws Exception {
        start(Faults.none());
        simulator.refuseConnections(Duration.ofMillis(800));
        try (Socket refused = new Socket("127.0.0.1", simulator.port())) {
            refused.setSoTimeout(10_000);
            assertThat(readOrEof(refused.getInputStream())).isEqualTo(-1);
        }
        assertThat(simulator.totalConnections()).isZero();

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            try (TestClient client = new TestClient(simulator.port())) {
                client.send("EO\\TXx\\FO\\SO");
                simulator.awaitSubscriptions(1, Duration.ofSeconds(2));
                return true;
            } catch (IllegalStateException | java.io.IOException e) {
                return false;
            }
        });
        assertThat(simulator.totalConnections()).isPositive();
    }

    private static int readOrEof(InputStream in) {
        try {
            return in.read();
        } catch (java.io.IOException e) {
            return -1;   // reset counts as refused too
        }
    }

    @Test
    void severThenRefuse() throws Exception {
        start(Faults.none().withSeverAfterOutcomes(1).withRefuseAfterSever(Duration.ofSeconds(30)));
        try (TestClient client = new TestClient(simulator.port())) {
            client.send("EO\\TXa\\FO\\SO");
            simulator.awaitSubscriptions(1, TestClient.WAIT);
            simulator.generate(2);
            assertThat(client.readUntilClosed()).hasSize(1);
        }
        try (Socket refused = new Socket("127.0.0.1", simulator.port())) {
            refused.setSoTimeout(10_000);
            assertThat(readOrEof(refused.getInputStream())).isEqualTo(-1);
        }
        assertThat(simulator.totalConnections()).isEqualTo(1);
    }

    @Test
    void malformedFrameAfterEveryNthOutcome() throws Exception {
        start(Faults.none().withMalformedEvery(2));
        try (TestClient client = new TestClient(simulator.port())) {
            client.send("EO\\TXm\\FO\\SO");
            simulator.awaitSubscriptions(1, TestClient.WAIT);
            simulator.generate(4);
            List<Object> frames = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                frames.add(client.nextFrame(TestClient.WAIT));
            }
            assertThat(frames).extracting(f -> f instanceof MalformedFrame ? "bad" : ((SdmpMessage) f).code())
                    .containsExactly("OZ", "OZ", "bad", "OZ", "OZ", "bad");
            assertThat(((MalformedFrame) frames.get(2)).raw()).isEqualTo(Faults.MALFORMED_FRAME);
            assertThat(simulator.outcomesSent()).isEqualTo(4);
        }
    }

    @ParameterizedTest
    @EnumSource(CallGemCharset.class)
    void splitWritesStillDecode(CallGemCharset charset) throws Exception {
        simulator = CallGemSimulator.start(SimulatorSettings.forTests().withCharset(charset)
                .withFaults(Faults.none().withSplitWrites(true)));
        try (TestClient client = new TestClient(simulator.port(), charset)) {
            client.send("EO\\TXs\\FO\\SO");
            simulator.awaitSubscriptions(1, TestClient.WAIT);
            List<Outcome> generated = simulator.generate(40);
            simulator.send(TestClient.END_MARKER);
            assertThat(sessions(client.untilEndMarker()))
                    .isEqualTo(generated.stream().map(Outcome::sessionId).toList());
        }
    }

    @Test
    void splitWriterWritesThreePieces() {
        Faults split = Faults.none().withSplitWrites(true);
        EmbeddedChannel channel = new EmbeddedChannel(new SplitWriter(() -> split));
        byte[] frame = "OZ\\TXt\\SI1\0".getBytes(StandardCharsets.US_ASCII);
        channel.writeOutbound(Unpooled.wrappedBuffer(frame));
        List<String> pieces = new ArrayList<>();
        for (ByteBuf b = channel.readOutbound(); b != null; b = channel.readOutbound()) {
            pieces.add(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        assertThat(pieces).hasSize(3).containsExactly("O", "Z\\TXt", "\\SI1\0");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void stallHoldsOutcomesThenSendsThemAll() throws Exception {
        start(Faults.none().withStall(2, Duration.ofSeconds(2)));
        try (TestClient client = new TestClient(simulator.port())) {
            client.send("EO\\TXst\\FO\\SO");
            simulator.awaitSubscriptions(1, TestClient.WAIT);
            List<Outcome> generated = simulator.generate(5);
            List<SdmpMessage> firstTwo = client.next(2);
            assertThat(client.receivesWithin(Duration.ofMillis(300))).isFalse();
            List<SdmpMessage> rest = client.next(3);
            List<SdmpMessage> all = new ArrayList<>(firstTwo);
            all.addAll(rest);
            assertThat(sessions(all)).isEqualTo(generated.stream().map(Outcome::sessionId).toList());
        }
    }

    @Test
    void replayOverlapResendsAlreadyDeliveredOutcomes() throws Exception {
        start(Faults.none().withReplayOverlap(2));
        TestClient first = new TestClient(simulator.port());
        first.send("EO\\TXa\\FO\\SO\\PSover");
        simulator.awaitSubscriptions(1, TestClient.WAIT);
        List<Outcome> delivered = simulator.generate(5);
        assertThat(first.next(5)).hasSize(5);
        first.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.connectionCount() == 0);
        List<Outcome> whileAway = simulator.generate(3);

        try (TestClient second = new TestClient(simulator.port())) {
            second.send("EO\\TXb\\FO\\SO\\PSover");
            List<String> expected = new ArrayList<>();
            expected.add(delivered.get(3).sessionId());
            expected.add(delivered.get(4).sessionId());
            whileAway.forEach(o -> expected.add(o.sessionId()));
            List<SdmpMessage> replay = second.next(5);
            assertThat(sessions(replay)).isEqualTo(expected);
            assertThat(replay).allSatisfy(m -> assertThat(m.get("TX")).isEqualTo("b"));
        }
    }
}

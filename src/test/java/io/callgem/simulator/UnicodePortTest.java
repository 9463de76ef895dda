package io.callgem.simulator;

import io.callgem.protocol.CallGemCharset;
import io.callgem.protocol.SdmpMessage;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** ASCII and UTF-16LE listeners at once, sharing one feed. */
class UnicodePortTest {

    /** An ASCII and a UTF-16LE listener, each on a free port. */
    static SimulatorSettings bothPorts() {
        return SimulatorSettings.forTests().withListeners(List.of(
                new SimulatorSettings.Listener(0, CallGemCharset.ASCII),
                new SimulatorSettings.Listener(0, CallGemCharset.UTF_16LE)));
    }

    @Test
    void utf16ClientGetsTheSameOutcomesAsAnAsciiClient() throws Exception {
        try (CallGemSimulator simulator = CallGemSimulator.start(bothPorts());
             TestClient ascii = new TestClient(simulator.port(CallGemCharset.ASCII));
             TestClient unicode = new TestClient(simulator.port(CallGemCharset.UTF_16LE), CallGemCharset.UTF_16LE)) {
            assertThat(simulator.ports()).hasSize(2).doesNotHaveDuplicates();
            ascii.subscribe("a", "Support");
            unicode.subscribe("u", "Support");
            simulator.awaitSubscriptions(2, TestClient.WAIT);
            simulator.generate(50);
            simulator.send(TestClient.END_MARKER);

            List<SdmpMessage> viaAscii = ascii.untilEndMarker();
            List<SdmpMessage> viaUnicode = unicode.untilEndMarker();
            assertThat(viaUnicode).isNotEmpty().allSatisfy(m -> assertThat(m.get("TX")).isEqualTo("u"));
            assertThat(viaUnicode).extracting(m -> m.get("SI")).isEqualTo(viaAscii.stream().map(m -> m.get("SI")).toList());
            assertThat(viaUnicode).extracting(m -> m.get("DT")).isEqualTo(viaAscii.stream().map(m -> m.get("DT")).toList());
        }
    }

    @Test
    void utf16BytesOnTheWire() throws Exception {
        try (CallGemSimulator simulator = CallGemSimulator.start(bothPorts());
             Socket socket = new Socket("127.0.0.1", simulator.port(CallGemCharset.UTF_16LE))) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("EO\\TXw\\FO\\SO\0".getBytes(StandardCharsets.UTF_16LE));
            simulator.awaitSubscriptions(1, TestClient.WAIT);
            simulator.generate(1);
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(10);
            assertThat(new String(head, StandardCharsets.UTF_16LE)).isEqualTo("OZ\\TX");
        }
    }
}

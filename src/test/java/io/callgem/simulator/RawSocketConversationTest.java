package io.callgem.simulator;

import io.callgem.protocol.EnumerateOutcomes;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A client that knows nothing of this project talks to the simulator over a plain socket. */
class RawSocketConversationTest {

    @Test
    void plainSocketSubscribesAndReadsAnOutcome() throws Exception {
        SimulatorSettings settings = SimulatorSettings.defaults().withRatePerSecond(200).withCount(-1);
        try (CallGemSimulator simulator = CallGemSimulator.start(settings);
             Socket socket = new Socket("127.0.0.1", simulator.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("EO\\TXt1\\CNSales1\\SO\\FO\0".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();

            String frame = readFrame(socket.getInputStream());

            assertThat(frame).startsWith("OZ\\TXt1\\CNSales1\\");
            assertThat(frame).contains("\\SI", "\\GA", "\\RE", "\\TS");
        }
    }

    @Test
    void subscribeOnConnectSendsWithoutAnEo() throws Exception {
        try (CallGemSimulator simulator = CallGemSimulator.start(SimulatorSettings.forTests())) {
            simulator.subscribeOnConnect(new EnumerateOutcomes("bench", null, null, true, true, null, null));
            try (Socket socket = new Socket("127.0.0.1", simulator.port())) {
                socket.setSoTimeout(10_000);
                simulator.awaitSubscriptions(1, Duration.ofSeconds(10));
                simulator.generate(1);

                assertThat(readFrame(socket.getInputStream())).startsWith("OZ\\TXbench\\");
            }
        }
    }

    private static String readFrame(InputStream in) throws Exception {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        for (int b = in.read(); b != 0; b = in.read()) {
            if (b < 0) {
                throw new AssertionError("closed before a whole frame: " + frame);
            }
            frame.write(b);
        }
        return frame.toString(StandardCharsets.ISO_8859_1);
    }
}

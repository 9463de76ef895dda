package io.callgem.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.callgem.component.CallGemEndpoint;
import io.callgem.component.CallGemException;
import io.callgem.component.CallGemMalformedFrameException;
import io.callgem.protocol.Outcome;
import io.callgem.protocol.SdmpMessage;
import io.callgem.protocol.SdmpParser;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, hostile input on CallGem's UTF-16LE port (6500): bytes that are not UTF-16LE
 * between valid OZ frames, through a real socket into a route shaped like the service's
 * ({@code CallGemException} straight to the dead letter). The connection stays up, the valid
 * outcomes around the bad frames are delivered, and each bad frame is counted and
 * dead-lettered instead of being delivered with U+FFFD in place of what CallGem sent.
 */
class Utf16HostileInputTest {

    private static final byte[] NUL = {0, 0};

    @Test
    void badUtf16IsDeadLetteredAndTheOutcomesAroundItDelivered() throws Exception {
        List<Outcome> delivered = new CopyOnWriteArrayList<>();
        List<Exception> deadLettered = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CamelContext camel = new DefaultCamelContext();
            String uri = "callgem:127.0.0.1:" + server.getLocalPort() + "?campaigns=Sales1&charset=utf-16le";
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    errorHandler(deadLetterChannel("direct:dead").maximumRedeliveries(0));
                    onException(CallGemException.class).handled(true).to("direct:dead");
                    from("direct:dead").process(e -> deadLettered.add(e.getProperty(Exchange.EXCEPTION_CAUGHT,
                            Exception.class)));
                    from(uri).process(e -> delivered.add(e.getMessage().getBody(Outcome.class)));
                }
            });
            camel.start();
            try (Socket callgem = server.accept()) {
                callgem.setSoTimeout(20_000);
                SdmpMessage eo = SdmpParser.parse(readFrame(callgem.getInputStream()));
                assertThat(eo.code()).isEqualTo("EO");
                assertThat(eo.get("CN")).isEqualTo("Sales1");
                String tx = eo.get("TX");
                // CallGem answers nothing to a good EO: its OZ follow

                ByteArrayOutputStream feed = new ByteArrayOutputStream();
                feed.write(oz(tx, "v0", ""));
                // 1. an unpaired high surrogate (D800 followed by 'e') in AN
                feed.write(utf16("OZ\\TX" + tx + "\\CNSales1\\SIbad-high\\GAg\\RE2\\TS46000\\ANJo"));
                feed.write(new byte[] {0x00, (byte) 0xD8});
                feed.write(utf16("e"));
                feed.write(NUL);
                feed.write(oz(tx, "v1", ""));
                // 2. an unpaired low surrogate
                feed.write(utf16("OZ\\TX" + tx + "\\CNSales1\\SIbad-low\\GAg\\RE2\\TS46000\\AN"));
                feed.write(new byte[] {0x00, (byte) 0xDC});
                feed.write(utf16("x"));
                feed.write(NUL);
                feed.write(oz(tx, "v2", ""));
                // 3. a high surrogate right before the terminator (its pair never comes)
                feed.write(utf16("OZ\\TX" + tx + "\\CNSales1\\SIbad-end\\GAg\\RE2\\TS46000\\TNx"));
                feed.write(new byte[] {0x3D, (byte) 0xD8});
                feed.write(NUL);
                feed.write(oz(tx, "v3", ""));
                // 4. a NUL code unit in the middle: by the protocol it ends the message there,
                // so the head is an OZ without GA, RE, TS (delivered, its problems listed) and the
                // tail a frame that is no SDMP (dead-lettered)
                feed.write(utf16("OZ\\TX" + tx + "\\CNSales1\\SIcut"));
                feed.write(NUL);
                feed.write(utf16("\\GAg\\RE2\\TS46000"));
                feed.write(NUL);
                feed.write(oz(tx, "v4", ""));
                // 5. an odd number of bytes before the terminator: every later code unit is one
                // byte off, so the frame after it is read into the bad one (dead-lettered with
                // it); the decoder realigns at the next frame start
                feed.write(utf16("BAD"));
                feed.write(0x41);
                feed.write(NUL);
                feed.write(oz(tx, "swallowed", ""));
                feed.write(oz(tx, "v5", ""));
                // a valid surrogate pair and other non-ASCII text still come through intact
                feed.write(oz(tx, "v6", "\\ANJo\uD83D\uDE00 \u4E00\u0100\u00E9"));
                OutputStream out = callgem.getOutputStream();
                out.write(feed.toByteArray());
                out.flush();

                await().atMost(Duration.ofSeconds(20)).until(() -> delivered.size() >= 8 && deadLettered.size() >= 5);
                Thread.sleep(300); // anything else that would arrive

                assertThat(delivered).extracting(Outcome::sessionId)
                        .containsExactly("v0", "v1", "v2", "v3", "cut", "v4", "v5", "v6");
                assertThat(delivered).filteredOn(o -> o.sessionId().startsWith("v")).allSatisfy(o -> {
                    assertThat(o.problems()).isEmpty();
                    assertThat(o.toString()).doesNotContain("\uFFFD");
                });
                assertThat(delivered.get(4).problems()).isNotEmpty();
                assertThat(delivered.get(7).agent()).isEqualTo("Jo\uD83D\uDE00 \u4E00\u0100\u00E9");

                assertThat(deadLettered).hasSize(5).allSatisfy(e ->
                        assertThat(e).isInstanceOf(CallGemMalformedFrameException.class));
                List<String> reasons = new ArrayList<>();
                deadLettered.forEach(e -> reasons.add(e.getMessage()));
                assertThat(reasons.subList(0, 3)).allSatisfy(r -> assertThat(r).contains("UTF-16LE"));

                CallGemEndpoint endpoint = camel.getEndpoint(uri, CallGemEndpoint.class);
                assertThat(endpoint.getConsumer().getMalformedFrames()).isEqualTo(5);
                assertThat(endpoint.getConsumer().getReconnects()).isZero();
                // the connection is still up: one more outcome on the same socket arrives
                out.write(oz(tx, "v7", ""));
                out.flush();
                await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 9);
                assertThat(delivered.get(8).sessionId()).isEqualTo("v7");
            } finally {
                camel.stop();
            }
        }
    }

    private static byte[] oz(String tx, String sessionId, String extra) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(utf16("OZ\\TX" + tx + "\\CNSales1\\SI" + sessionId + "\\GAg\\RE2\\TS46000" + extra));
        frame.write(NUL);
        return frame.toByteArray();
    }

    private static byte[] utf16(String text) {
        return text.getBytes(StandardCharsets.UTF_16LE);
    }

    /** One UTF-16LE frame up to its NUL code unit. */
    private static String readFrame(InputStream in) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        while (true) {
            int lo = in.read();
            int hi = in.read();
            if (lo < 0 || hi < 0) {
                throw new IOException("closed before a whole frame");
            }
            if (lo == 0 && hi == 0) {
                return frame.toString(StandardCharsets.UTF_16LE);
            }
            frame.write(lo);
            frame.write(hi);
        }
    }
}

package io.callgem.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.callgem.protocol.Outcome;
import io.callgem.simulator.CallGemSimulator;
import io.callgem.simulator.SimulatorSettings;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Generated hostile frames between valid outcomes, through a real socket into a Camel route
 * with a dead letter channel: every valid outcome arrives, in order, and the connection
 * survives whatever came between them.
 */
class CallGemRouteFuzzTest {

    private static CallGemSimulator simulator;
    private static CamelContext camel;
    private static final List<String> delivered = new CopyOnWriteArrayList<>();
    private static final List<Object> deadLettered = new CopyOnWriteArrayList<>();
    private static final AtomicInteger tries = new AtomicInteger();

    @BeforeContainer
    static void start() throws Exception {
        simulator = CallGemSimulator.start(SimulatorSettings.forTests());
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("direct:dead").maximumRedeliveries(2).redeliveryDelay(0));
                from("direct:dead").process(e -> deadLettered.add(e.getMessage().getBody()));
                from("callgem:127.0.0.1:" + simulator.port() + "?campaigns=Sales1&maxFrameLength=4096")
                        .process(e -> delivered.add(e.getMessage().getBody(Outcome.class).sessionId()));
            }
        });
        camel.start();
        simulator.awaitSubscriptions(1, Duration.ofSeconds(20));
    }

    @AfterContainer
    static void stop() {
        camel.stop();
        simulator.close();
    }

    @Provide
    Arbitrary<List<String>> hostileFrames() {
        Arbitrary<String> anyText = Arbitraries.strings().all().ofMaxLength(300);
        Arbitrary<String> sdmpLike = Arbitraries.strings().withChars("\\\"~<>&:TXSIREGACNDT0123456789 .-")
                .ofMaxLength(120);
        Arbitrary<String> huge = Arbitraries.strings().withChars("AB\\").ofMinLength(5000).ofMaxLength(9000);
        return Arbitraries.oneOf(anyText, sdmpLike, huge)
                // no terminators inside (a frame is what lies between them), nothing that is an OZ
                .map(s -> s.replace('\u0000', '?').replace('\n', '?').replace('\r', '?'))
                .filter(s -> !s.contains("OZ"))
                .list().ofMaxSize(8);
    }

    @Property(tries = 40)
    void validOutcomesSurviveAnyFramesBetweenThem(@ForAll("hostileFrames") List<String> hostile) {
        String tx = simulator.activeSubscriptions().get(0).transactionId();
        long connections = simulator.totalConnections();
        int attempt = tries.incrementAndGet();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i <= hostile.size(); i++) {
            String sessionId = "fuzz-" + attempt + "-" + i;
            expected.add(sessionId);
            simulator.send("OZ\\TX" + tx + "\\CNSales1\\SI" + sessionId + "\\GAg\\RE2\\TS46000");
            if (i < hostile.size()) {
                simulator.send(hostile.get(i));
            }
        }

        String last = expected.get(expected.size() - 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> delivered.contains(last));
        assertThat(delivered.stream().filter(si -> si.startsWith("fuzz-" + attempt + "-")).toList())
                .containsExactlyElementsOf(expected);
        assertThat(simulator.totalConnections()).isEqualTo(connections);
    }
}

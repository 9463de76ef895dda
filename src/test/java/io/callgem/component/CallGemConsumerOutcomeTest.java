package io.callgem.component;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.callgem.protocol.Outcome;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each OZ on the socket becomes one exchange: typed body and documented headers, in arrival order. */
class CallGemConsumerOutcomeTest {

    @RegisterExtension
    final CallGemTestPeer peer = new CallGemTestPeer();

    private CamelContext context;
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private void start(String options) throws Exception {
        start(options, exchanges::add);
    }

    private void start(String options, org.apache.camel.Processor processor) throws Exception {
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(peer.uri(options)).routeId("outcomes").process(processor);
            }
        });
        context.start();
    }

    @Test
    void outcomeBecomesExchangeWithTypedBodyAndHeaders() throws Exception {
        start("campaigns=Sales1");
        String eo = peer.nextFrame();
        String tx = eo.substring(5).split("\\\\")[0];

        peer.send("OZ\\TX" + tx + "\\CNSales1\\TDAcme\\GA100\\SI001234567890\\RE10\\TS46000.5\\ANJoe\\AO167\\DT");

        await().until(() -> exchanges.size() == 1);
        Exchange e = exchanges.get(0);
        Outcome o = e.getMessage().getBody(Outcome.class);
        assertThat(o.campaign()).isEqualTo("Sales1");
        assertThat(o.sessionId()).isEqualTo("001234567890");
        assertThat(o.agent()).isEqualTo("Joe");
        assertThat(o.reason()).isEqualTo(10);
        assertThat(o.liveCall()).isTrue();
        assertThat(o.timestamp()).isEqualTo(Instant.parse("2025-12-09T12:00:00Z"));
        assertThat(o.valid()).isTrue();
        assertThat(e.getMessage().getHeaders())
                .containsEntry(CallGemConstants.TENANT, "Acme")
                .containsEntry(CallGemConstants.CAMPAIGN, "Sales1")
                .containsEntry(CallGemConstants.SESSION_ID, "001234567890")
                .containsEntry(CallGemConstants.REASON, 10)
                .containsEntry(CallGemConstants.TRANSACTION_ID, tx)
                .containsEntry(CallGemConstants.VALID, true)
                .doesNotContainKey(CallGemConstants.RAW);
        assertThat(e.getException()).isNull();
        assertThat(consumer().getOutcomesReceived()).isEqualTo(1);
    }

    @Test
    void outcomesArriveInOrder() throws Exception {
        start("campaigns=Sales1");
        String tx = peer.nextFrame().substring(5).split("\\\\")[0];
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            burst.append("OZ\\TX").append(tx).append("\\CNSales1\\GA1\\SI").append(i).append("\\RE2\\TS46000.5")
                    .append('\0');
        }
        // one write: many frames in one TCP segment must still each become an exchange, in order
        String all = burst.toString();
        peer.latest().channel.writeAndFlush(io.netty.buffer.Unpooled.copiedBuffer(all,
                java.nio.charset.StandardCharsets.ISO_8859_1)).syncUninterruptibly();

        await().until(() -> exchanges.size() == 500);
        for (int i = 0; i < 500; i++) {
            assertThat(exchanges.get(i).getMessage().getHeader(CallGemConstants.SESSION_ID)).isEqualTo("" + i);
        }
    }

    @Test
    void lenientInvalidOutcomeIsANormalExchangeMarkedInvalid() throws Exception {
        start("campaigns=Sales1");
        String tx = peer.nextFrame().substring(5).split("\\\\")[0];

        // the spec's own example: no GA, no TS
        String oz = "OZ\\TX" + tx + "\\CNSales1\\ANJoe\\SI001234567890\\RE10\\AO167\\DT";
        peer.send(oz);

        await().until(() -> exchanges.size() == 1);
        Exchange e = exchanges.get(0);
        assertThat(e.getException()).isNull();
        Outcome o = e.getMessage().getBody(Outcome.class);
        assertThat(o.valid()).isFalse();
        assertThat(o.problems()).anyMatch(p -> p.contains("GA")).anyMatch(p -> p.contains("TS"));
        assertThat(e.getMessage().getHeader(CallGemConstants.VALID)).isEqualTo(false);
        assertThat(e.getMessage().getHeader(CallGemConstants.RAW)).isEqualTo(oz);
        assertThat(consumer().getInvalidOutcomes()).isEqualTo(1);
    }

    @Test
    void otherMessageCodesAreCountedNotRouted() throws Exception {
        start("campaigns=Sales1");
        String tx = peer.nextFrame().substring(5).split("\\\\")[0];
        peer.send("XX\\TX" + tx + "\\ZZ1");
        peer.send("OZ\\TX" + tx + "\\CNSales1\\GA1\\SI1\\RE1\\TS46000");

        await().until(() -> exchanges.size() == 1);
        assertThat(consumer().getUnknownMessages()).isEqualTo(1);
        assertThat(exchanges.get(0).getMessage().getHeader(CallGemConstants.SESSION_ID)).isEqualTo("1");
    }

    @Test
    void batchingHandsTheWaitingOutcomesOverTogetherAndBadFramesAloneInOrder() throws Exception {
        // the first exchange is held until every message has been read, so all the others are waiting when the
        // worker looks again: how TCP splits the burst, and how fast the worker is, cannot change the batches
        start("campaigns=Sales1&batching=true&maxBatchSize=50&strict=true", e -> {
            if (exchanges.isEmpty()) {
                await().atMost(java.time.Duration.ofSeconds(10)).until(() -> consumer().getInFlight() == 302);
            }
            exchanges.add(e);
        });
        String tx = peer.nextFrame().substring(5).split("\\\\")[0];
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            if (i == 120) {
                burst.append("Z").append('\0'); // malformed: a one-letter code
            }
            if (i == 200) {
                burst.append("OZ\\TX").append(tx).append("\\CNSales1\\SIbad").append('\0'); // invalid: no GA, RE, TS
            }
            burst.append("OZ\\TX").append(tx).append("\\CNSales1\\GA1\\SI").append(i).append("\\RE2\\TS46000.5")
                    .append('\0');
        }
        peer.latest().channel.writeAndFlush(io.netty.buffer.Unpooled.copiedBuffer(burst.toString(),
                java.nio.charset.StandardCharsets.ISO_8859_1)).syncUninterruptibly();

        await().until(() -> exchanges.stream().mapToInt(CallGemConsumerOutcomeTest::messages).sum() == 302);
        List<String> order = new java.util.ArrayList<>();
        for (Exchange e : exchanges) {
            Object body = e.getMessage().getBody();
            if (body instanceof List<?> batch) {
                assertThat(batch).hasSize(e.getMessage().getHeader(CallGemConstants.BATCH_SIZE, Integer.class))
                        .hasSizeLessThanOrEqualTo(50);
                assertThat(e.getException()).isNull();
                batch.forEach(o -> order.add(((Outcome) o).sessionId()));
            } else {
                assertThat(e.getException()).isInstanceOf(CallGemException.class);
                order.add(e.getException() instanceof CallGemMalformedFrameException ? "malformed" : "invalid");
            }
        }
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            expected.add(i == 120 ? "malformed" : i == 200 ? "invalid" : null);
            expected.add("" + i);
        }
        expected.removeIf(java.util.Objects::isNull);
        assertThat(order).containsExactlyElementsOf(expected);
        // the held first batch, then at most 50 a time, broken only by the bad frames (each alone) after 120 and 200
        // outcomes: 1 + ceil(119/50) + 1 + ceil(80/50) + 1 + ceil(100/50) at most
        assertThat(exchanges.size()).as("batched, not one exchange per outcome").isLessThanOrEqualTo(10);
        assertThat(consumer().getInFlight()).isZero();
    }

    private static int messages(Exchange e) {
        return e.getMessage().getBody() instanceof List<?> batch ? batch.size() : 1;
    }

    private CallGemConsumer consumer() {
        return (CallGemConsumer) context.getRoute("outcomes").getConsumer();
    }
}

package io.callgem.component;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Lost or refused connections: the consumer reconnects with backoff, forever, and re-sends every EO with the same PS
 * token and a new TX.
 */
class CallGemConsumerReconnectTest {

    private static final String FAST = "&reconnectDelay=50&maxReconnectDelay=200&shutdownTimeout=500";

    @RegisterExtension
    final CallGemTestPeer peer = new CallGemTestPeer();

    private CamelContext context;
    private final List<String> sessions = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private void start(String options) throws Exception {
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(peer.uri(options + FAST)).routeId("feed")
                        .process(e -> sessions.add(e.getMessage().getHeader(CallGemConstants.SESSION_ID, String.class)));
            }
        });
        context.start();
    }

    @Test
    void resubscribesWithSamePersistTokenAndNewTransactionIdsAfterTheServerDropsTheSocket() throws Exception {
        start("campaigns=Sales1,Sales2&persistToken=tok7");
        List<String> first = peer.nextFrames(2);
        peer.send("OZ\\TX" + CallGemConsumerSubscribeTest.tx(first.get(0)) + "\\CNSales1\\GA1\\SI1\\RE1\\TS46000");
        await().until(() -> sessions.size() == 1);

        peer.dropConnections();

        List<String> second = peer.nextFrames(2);
        assertThat(peer.connections()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(second.get(i).replaceAll("TX[^\\\\]+", "TX*"))
                    .isEqualTo(first.get(i).replaceAll("TX[^\\\\]+", "TX*"))
                    .endsWith("\\PStok7");
            assertThat(CallGemConsumerSubscribeTest.tx(second.get(i)))
                    .isNotEqualTo(CallGemConsumerSubscribeTest.tx(first.get(i)));
        }
        // outcomes on the new connection flow, tagged with the new TX
        String tx2 = CallGemConsumerSubscribeTest.tx(second.get(1));
        peer.send("OZ\\TX" + tx2 + "\\CNSales2\\GA1\\SI2\\RE1\\TS46000");
        await().until(() -> sessions.size() == 2);
        assertThat(sessions).containsExactly("1", "2");
        await().until(() -> consumer().state() == CallGemConsumer.State.SUBSCRIBED);
        assertThat(consumer().getReconnects()).isEqualTo(1);
        assertThat(consumer().subscriptions()).extracting(CallGemSubscription::transactionId)
                .containsExactly(CallGemConsumerSubscribeTest.tx(second.get(0)), tx2);
    }

    @Test
    void keepsTryingWhileConnectionsAreRefusedThenSubscribes() throws Exception {
        peer.refuse();
        start("campaigns=Sales1&persistToken=p");
        // several attempts fail; the consumer stays down and keeps trying
        await().atMost(Duration.ofSeconds(5)).until(() -> consumer().lastError() != null);
        assertThat(consumer().state()).isIn(CallGemConsumer.State.DISCONNECTED, CallGemConsumer.State.CONNECTING);
        Thread.sleep(600); // let a few backoff rounds pass while refused
        assertThat(peer.connections()).isEmpty();

        peer.listen();
        String eo = peer.nextFrame();
        assertThat(eo).matches("EO\\\\TX[^\\\\]+\\\\CNSales1\\\\FO\\\\SO\\\\PSp");
        await().until(() -> consumer().state() == CallGemConsumer.State.SUBSCRIBED);
        assertThat(peer.connections()).hasSize(1);
    }

    @Test
    void reconnectsAfterAServerRestartThatRefusesForAWhile() throws Exception {
        start("campaigns=Sales1");
        peer.nextFrame();
        peer.refuse();
        peer.dropConnections();
        await().until(() -> consumer().state() != CallGemConsumer.State.SUBSCRIBED);
        Thread.sleep(500);
        peer.listen();
        peer.nextFrame();
        await().until(() -> consumer().state() == CallGemConsumer.State.SUBSCRIBED);
        assertThat(peer.connections()).hasSize(2);
        assertThat(consumer().getReconnects()).isEqualTo(1);
    }

    @Test
    void idleTimeoutReconnectsASilentSocket() throws Exception {
        start("campaigns=Sales1&idleTimeout=300");
        peer.nextFrame();
        // the peer says nothing: after idleTimeout the consumer drops the socket and subscribes again
        peer.nextFrame();
        assertThat(peer.connections().size()).isGreaterThanOrEqualTo(2);
        assertThat(peer.connections().get(0).isOpen()).isFalse();
        assertThat(consumer().lastError()).contains("idleTimeout");
    }

    @Test
    void withoutIdleTimeoutASilentSocketIsKept() throws Exception {
        start("campaigns=Sales1");
        peer.nextFrame();
        Thread.sleep(700);
        assertThat(peer.connections()).hasSize(1);
        assertThat(peer.latest().isOpen()).isTrue();
        assertThat(consumer().state()).isEqualTo(CallGemConsumer.State.SUBSCRIBED);
    }

    private CallGemConsumer consumer() {
        return (CallGemConsumer) context.getRoute("feed").getConsumer();
    }
}

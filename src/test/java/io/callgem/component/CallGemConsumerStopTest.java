package io.callgem.component;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Stopping or suspending the route ends each subscription with EE, waits for EF, then closes the socket. */
class CallGemConsumerStopTest {

    @RegisterExtension
    final CallGemTestPeer peer = new CallGemTestPeer();

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    @Test
    void routeStopSendsEeForEachSubscriptionAndClosesAfterEf() throws Exception {
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(peer.uri("campaigns=Sales1,Sales2&tenants=Acme")).routeId("feed").to("log:x?level=OFF");
            }
        });
        context.start();
        List<String> eos = peer.nextFrames(2);
        await().until(() -> consumer().state() == CallGemConsumer.State.SUBSCRIBED);

        context.getRouteController().stopRoute("feed");

        List<String> ees = peer.nextFrames(2);
        assertThat(ees).containsExactly(
                "EE\\TX" + CallGemConsumerSubscribeTest.tx(eos.get(0)) + "\\TDAcme",
                "EE\\TX" + CallGemConsumerSubscribeTest.tx(eos.get(1)) + "\\TDAcme");
        await().until(() -> !peer.latest().isOpen());
        assertThat(consumer().subscriptions()).extracting(CallGemSubscription::status).containsOnly("ENDED");
        assertThat(consumer().state()).isEqualTo(CallGemConsumer.State.DISCONNECTED);
        assertThat(peer.connections()).hasSize(1);
    }

    @Test
    void withoutEfTheWaitIsBounded() throws Exception {
        peer.respondWith(f -> List.of()); // never answers EE
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(peer.uri("campaigns=Sales1&shutdownTimeout=300")).routeId("feed").to("log:x?level=OFF");
            }
        });
        context.start();
        peer.nextFrame();
        await().until(() -> consumer().state() == CallGemConsumer.State.SUBSCRIBED);
        context.getRouteController().stopRoute("feed");
        assertThat(peer.nextFrame()).startsWith("EE\\TX");
        await().until(() -> !peer.latest().isOpen());
        assertThat(consumer().subscriptions()).extracting(CallGemSubscription::status).containsOnly("ENDING");
    }

    @Test
    void exchangesInFlightCompleteBeforeTheSocketCloses() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> done = new CopyOnWriteArrayList<>();
        List<Boolean> socketOpenWhenDone = new CopyOnWriteArrayList<>();
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(peer.uri("campaigns=Sales1&shutdownTimeout=5000")).routeId("feed")
                        .process(e -> release.await(10, TimeUnit.SECONDS))
                        .process(e -> {
                            socketOpenWhenDone.add(peer.latest().isOpen());
                            done.add(e.getMessage().getHeader(CallGemConstants.SESSION_ID, String.class));
                        });
            }
        });
        context.start();
        String tx = CallGemConsumerSubscribeTest.tx(peer.nextFrame());
        for (int i = 0; i < 5; i++) {
            peer.send("OZ\\TX" + tx + "\\CNSales1\\GA1\\SI" + i + "\\RE1\\TS46000");
        }
        await().until(() -> consumer().getOutcomesReceived() == 5);

        Thread stopper = new Thread(() -> {
            try {
                context.getRouteController().stopRoute("feed", 30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        stopper.start();
        assertThat(peer.nextFrame()).startsWith("EE\\TX" + tx); // EE goes out while exchanges wait
        assertThat(peer.latest().isOpen()).isTrue();
        release.countDown();
        stopper.join(20_000);

        assertThat(done).containsExactly("0", "1", "2", "3", "4");
        assertThat(socketOpenWhenDone).containsOnly(true);
        await().until(() -> !peer.latest().isOpen());
    }

    @Test
    void suspendEndsSubscriptionsAndResumeSubscribesAgain() throws Exception {
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(peer.uri("campaigns=Sales1&persistToken=k")).routeId("feed").to("log:x?level=OFF");
            }
        });
        context.start();
        String eo1 = peer.nextFrame();
        await().until(() -> consumer().state() == CallGemConsumer.State.SUBSCRIBED);

        context.getRouteController().suspendRoute("feed");
        assertThat(peer.nextFrame()).isEqualTo("EE\\TX" + CallGemConsumerSubscribeTest.tx(eo1));
        await().until(() -> !peer.latest().isOpen());

        context.getRouteController().resumeRoute("feed");
        String eo2 = peer.nextFrame();
        assertThat(eo2).endsWith("\\PSk").isNotEqualTo(eo1);
        await().until(() -> consumer().state() == CallGemConsumer.State.SUBSCRIBED);
        assertThat(peer.connections()).hasSize(2);
    }

    private CallGemConsumer consumer() {
        return (CallGemConsumer) context.getRoute("feed").getConsumer();
    }
}

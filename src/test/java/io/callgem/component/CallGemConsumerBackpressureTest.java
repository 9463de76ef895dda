package io.callgem.component;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A route slower than the socket: the consumer stops reading instead of buffering, so the flood backs up into TCP and
 * the peer becomes unwritable, while what the consumer holds stays bounded. Nothing is lost and order is kept.
 */
class CallGemConsumerBackpressureTest {

    private static final int MAX_IN_FLIGHT = 50;
    private static final int TOTAL = 10_000;
    private static final String PAD = "p".repeat(1000);

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
    void slowRouteFastServerStaysBounded() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger processed = new AtomicInteger();
        AtomicInteger outOfOrder = new AtomicInteger();
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(peer.uri("campaigns=Flood&maxInFlight=" + MAX_IN_FLIGHT + "&shutdownTimeout=500"))
                        .routeId("feed")
                        .process(e -> {
                            release.await(30, TimeUnit.SECONDS);
                            int expected = processed.getAndIncrement();
                            if (!("" + expected).equals(e.getMessage().getHeader(CallGemConstants.SESSION_ID))) {
                                outOfOrder.incrementAndGet();
                            }
                        });
            }
        });
        context.start();
        String tx = CallGemConsumerSubscribeTest.tx(peer.nextFrame());

        AtomicBoolean peerBlocked = new AtomicBoolean();
        AtomicLong written = peer.flood(TOTAL,
                i -> "OZ\\TX" + tx + "\\CNFlood\\GA1\\SI" + i + "\\RE1\\TS46000\\X9" + PAD, peerBlocked);

        // the route holds its first exchange; the consumer must pause reading and the peer's socket fill up
        await().until(() -> consumer().getReadPauses() >= 1 && peerBlocked.get());
        // ...until the peer can write no more: its count stops moving while the route is held
        AtomicLong lastSeen = new AtomicLong(-1);
        await().pollInterval(java.time.Duration.ofMillis(200)).atMost(java.time.Duration.ofSeconds(20))
                .until(() -> lastSeen.getAndSet(written.get()) == written.get());
        long writtenWhileBlocked = written.get();
        assertThat(writtenWhileBlocked).as("the peer could not push the whole flood").isLessThan(TOTAL);
        // what the consumer took off the socket: maxInFlight plus at most one 64 KiB read of ~1 KiB frames
        long received = consumer().getOutcomesReceived();
        assertThat(received).isLessThanOrEqualTo(MAX_IN_FLIGHT + 100L);
        assertThat(consumer().getInFlight()).isLessThanOrEqualTo(MAX_IN_FLIGHT + 100);

        long t0 = System.nanoTime();
        System.out.printf("backpressure: blocked after %d written, %d received%n", writtenWhileBlocked, received);
        release.countDown();
        await().atMost(java.time.Duration.ofSeconds(60)).until(() -> processed.get() == TOTAL);
        System.out.printf("backpressure: %d outcomes drained in %d ms, %d read pauses%n", TOTAL,
                (System.nanoTime() - t0) / 1_000_000, consumer().getReadPauses());
        assertThat(written.get()).isEqualTo(TOTAL);
        assertThat(outOfOrder.get()).isZero();
        assertThat(consumer().getMaxInFlightSeen()).isLessThanOrEqualTo(MAX_IN_FLIGHT + 100);
        assertThat(consumer().getReadPauses()).isGreaterThanOrEqualTo(1);
        assertThat(peer.connections()).hasSize(1);
    }

    @Test
    void aBurstLargerThanCamelsDefaultPoolQueueStaysOnTheWorkerInOrder() throws Exception {
        // Camel's default thread pool profile queues 1000 tasks and then runs them on the caller: the caller here
        // would be the event loop. With maxInFlight above that, every exchange must still run on the worker, in order.
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger processed = new AtomicInteger();
        AtomicInteger wrongThreadOrOrder = new AtomicInteger();
        int burst = 3000;
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(peer.uri("campaigns=Burst&maxInFlight=5000&shutdownTimeout=500")).routeId("feed")
                        .process(e -> {
                            release.await(30, TimeUnit.SECONDS);
                            int expected = processed.getAndIncrement();
                            if (Thread.currentThread().getName().startsWith("callgem-io")
                                || !("" + expected).equals(e.getMessage().getHeader(CallGemConstants.SESSION_ID))) {
                                wrongThreadOrOrder.incrementAndGet();
                            }
                        });
            }
        });
        context.start();
        String tx = CallGemConsumerSubscribeTest.tx(peer.nextFrame());
        AtomicLong written = peer.flood(burst, i -> "OZ\\TX" + tx + "\\CNBurst\\GA1\\SI" + i + "\\RE1\\TS46000",
                new AtomicBoolean());
        await().until(() -> consumer().getOutcomesReceived() == burst);
        release.countDown();
        await().until(() -> processed.get() == burst);
        assertThat(written.get()).isEqualTo(burst);
        assertThat(wrongThreadOrOrder.get()).isZero();
    }

    private CallGemConsumer consumer() {
        return (CallGemConsumer) context.getRoute("feed").getConsumer();
    }
}

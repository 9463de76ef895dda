package io.callgem.component;

import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An ER to an EO is logged, counted, and reported by the health check as a failed subscription. */
class CallGemConsumerErrorReplyTest {

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
    void rejectedSubscriptionMakesTheConsumerNotReady() throws Exception {
        peer.respondWith(frame -> {
            if (frame.contains("\\CNNope")) {
                String tx = CallGemConsumerSubscribeTest.tx(frame);
                return List.of("ER\\TX" + tx + "\\EC804\\FM\"unknown campaign \\Nope\"");
            }
            return CallGemTestPeer.defaultResponder(frame);
        });
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(peer.uri("campaigns=Sales1,Nope")).routeId("feed").to("log:x?level=OFF");
            }
        });
        context.start();
        List<String> eos = peer.nextFrames(2);
        String nopeTx = CallGemConsumerSubscribeTest.tx(eos.get(1));

        await().until(() -> consumer().getErrorReplies() == 1);
        assertThat(consumer().subscriptions()).satisfiesExactly(
                s -> assertThat(s.status()).isEqualTo("SENT"),
                s -> {
                    assertThat(s.campaign()).isEqualTo("Nope");
                    assertThat(s.transactionId()).isEqualTo(nopeTx);
                    assertThat(s.status()).isEqualTo("FAILED");
                    assertThat(s.lastError()).isEqualTo("EC804 unknown campaign \\Nope");
                });
        assertThat(consumer().isReady()).isFalse();
        HealthCheck.Result result = consumer().getHealthCheck().call();
        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).get().asString().contains("Nope").contains("EC804");
        assertThat((String) result.getDetails().get("failed.subscriptions")).contains("campaign=Nope");
        // the connection and the good subscription stay
        assertThat(peer.connections()).hasSize(1);
        assertThat(peer.latest().isOpen()).isTrue();

        // stop: EE only for the live subscription
        context.getRouteController().stopRoute("feed");
        assertThat(peer.nextFrame()).isEqualTo("EE\\TX" + CallGemConsumerSubscribeTest.tx(eos.get(0)));
    }

    private CallGemConsumer consumer() {
        return (CallGemConsumer) context.getRoute("feed").getConsumer();
    }
}

package io.callgem.component;

import java.util.Map;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness follows the connection: DOWN while refused, UP once subscribed, DOWN when the socket drops, UP again after
 * the reconnect; seen through Camel's health registry ("consumers" repository), as MicroProfile Health sees it.
 */
class CallGemConsumerHealthTest {

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
    void downWhileNotSubscribedUpWhenSubscribed() throws Exception {
        peer.refuse();
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(peer.uri("campaigns=Sales1&reconnectDelay=50&maxReconnectDelay=200")).routeId("feed")
                        .to("log:x?level=OFF");
            }
        });
        context.start();

        await().until(() -> readiness().isPresent());
        await().until(() -> consumer().lastError() != null);
        HealthCheck.Result down = readiness().orElseThrow();
        assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
        Map<String, Object> details = down.getDetails();
        assertThat(details).containsEntry("host", "127.0.0.1").containsEntry("port", peer.port());
        assertThat((String) details.get("state")).isIn("DISCONNECTED", "CONNECTING");
        assertThat((String) details.get("last.error")).contains("refused");
        assertThat((String) details.get("subscriptions")).contains("campaign=Sales1");
        assertThat(HealthCheckHelper.isResultsUp(HealthCheckHelper.invokeReadiness(context), true)).isFalse();

        peer.listen();
        await().until(() -> readiness().orElseThrow().getState() == HealthCheck.State.UP);
        assertThat(readiness().orElseThrow().getDetails()).containsEntry("state", "SUBSCRIBED");
        assertThat(HealthCheckHelper.isResultsUp(HealthCheckHelper.invokeReadiness(context), true)).isTrue();

        peer.dropConnections();
        await().until(() -> consumer().state() != CallGemConsumer.State.SUBSCRIBED
                            || consumer().getReconnects() > 0);
        await().until(() -> consumer().getReconnects() == 1
                            && readiness().orElseThrow().getState() == HealthCheck.State.UP);
        assertThat(peer.connections()).hasSize(2);
    }

    @Test
    void healthCheckIdAndReadinessOnly() throws Exception {
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(peer.uri("campaigns=Sales1")).routeId("feed").to("log:x?level=OFF");
            }
        });
        context.start();
        HealthCheck check = consumer().getHealthCheck();
        assertThat(check.getId()).isEqualTo("consumer:callgem-feed");
        assertThat(check.isReadiness()).isTrue();
        assertThat(check.isLiveness()).isFalse();
        await().until(() -> check.call().getState() == HealthCheck.State.UP);
    }

    @Test
    void canBeTurnedOffOnTheComponent() throws Exception {
        context = new DefaultCamelContext();
        CallGemComponent component = new CallGemComponent();
        component.setHealthCheckConsumerEnabled(false);
        context.addComponent("callgem", component);
        peer.refuse();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(peer.uri("campaigns=Sales1")).routeId("feed").to("log:x?level=OFF");
            }
        });
        context.start();
        assertThat(consumer().getHealthCheck().isEnabled()).isFalse();
    }

    /** The result Camel's registry gives for this route's consumer ("consumer:feed"). */
    private Optional<HealthCheck.Result> readiness() {
        return HealthCheckHelper.invokeReadiness(context).stream()
                .filter(r -> r.getCheck().getId().equals("consumer:feed"))
                .findFirst();
    }

    private CallGemConsumer consumer() {
        return (CallGemConsumer) context.getRoute("feed").getConsumer();
    }
}

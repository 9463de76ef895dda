package io.callgem.component;

import java.util.Map;
import java.util.stream.Collectors;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of one callgem: consumer: UP only while it is connected, has sent its subscriptions and none of them was
 * rejected with ER. A quiet but connected dialer is UP.
 */
public class CallGemConsumerHealthCheck extends AbstractHealthCheck {

    private final CallGemConsumer consumer;
    private final String routeId;

    public CallGemConsumerHealthCheck(CallGemConsumer consumer, String routeId) {
        super("camel", "consumer:callgem-" + routeId);
        this.consumer = consumer;
        this.routeId = routeId;
    }

    @Override
    public boolean isLiveness() {
        // a dialer that is down is not a reason to restart this process
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        CallGemEndpoint endpoint = consumer.getEndpoint();
        builder.detail("route.id", routeId);
        builder.detail("host", endpoint.getHost());
        builder.detail("port", endpoint.getPort());
        builder.detail("state", consumer.state().name());
        builder.detail("subscriptions", consumer.subscriptions().stream()
                .map(s -> describe(s))
                .collect(Collectors.joining("; ")));
        builder.detail("outcomes.received", consumer.getOutcomesReceived());
        builder.detail("error.replies", consumer.getErrorReplies());
        builder.detail("reconnects", consumer.getReconnects());
        String lastError = consumer.lastError();
        if (lastError != null) {
            builder.detail("last.error", lastError);
        }
        if (consumer.isReady()) {
            builder.up();
            return;
        }
        builder.down();
        String failed = consumer.subscriptions().stream()
                .filter(s -> "FAILED".equals(s.status()))
                .map(CallGemConsumerHealthCheck::describe)
                .collect(Collectors.joining("; "));
        if (!failed.isEmpty()) {
            builder.detail("failed.subscriptions", failed);
            builder.message("CallGem rejected subscription(s): " + failed);
        } else {
            builder.message("CallGem consumer is " + consumer.state() + " (" + endpoint.address() + ")");
        }
    }

    private static String describe(CallGemSubscription s) {
        StringBuilder sb = new StringBuilder();
        if (s.campaign() != null) {
            sb.append("campaign=").append(s.campaign()).append(' ');
        }
        if (s.tenant() != null) {
            sb.append("tenant=").append(s.tenant()).append(' ');
        }
        sb.append("tx=").append(s.transactionId()).append(' ').append(s.status());
        if (s.lastError() != null) {
            sb.append(" (").append(s.lastError()).append(')');
        }
        return sb.toString();
    }
}

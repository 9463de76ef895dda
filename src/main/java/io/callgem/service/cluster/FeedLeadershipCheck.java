package io.callgem.service.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.support.cluster.ClusterServiceHelper;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Says on {@code /q/health/ready} whether this instance leads the CallGem feed. Always UP: a
 * follower is a healthy instance (it delivers from a shared broker and takes over when the leader
 * goes), so it must stay ready for rolling updates; the role is in the data ({@code role}:
 * {@code leader} or {@code follower}).
 */
@Readiness
@ApplicationScoped
public class FeedLeadershipCheck implements HealthCheck {

    @Inject
    CamelContext context;

    @ConfigProperty(name = "callgem.cluster.enabled", defaultValue = "false")
    boolean enabled;

    @ConfigProperty(name = "callgem.cluster.namespace", defaultValue = "callgem-feed")
    String namespace;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("callgem-feed-leadership").up()
                .withData("clustered", enabled);
        if (!enabled) {
            return response.build();
        }
        CamelClusterService service = ClusterServiceHelper.lookupService(context).orElse(null);
        boolean leader = service != null && service.isLeader(namespace);
        response.withData("namespace", namespace).withData("role", leader ? "leader" : "follower");
        if (service != null) {
            response.withData("node", service.getId());
        }
        return response.build();
    }
}

package io.callgem.service.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.spi.CamelEvent.CamelContextInitializingEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Leader election for the CallGem feed (docs/scale-out.md). With {@code callgem.cluster.enabled=true}
 * the feed route consumes from {@code master:<namespace>:callgem:...} (see {@link ClusterConfigSourceFactory}),
 * so of all instances sharing the cluster service only the leader holds the CallGem connection; when
 * it goes, another one takes the lock and subscribes again with the same persist token.
 * <p>
 * {@code callgem.cluster.service=file} (the default) registers a {@link FileLockClusterService} on
 * {@code callgem.cluster.lock-dir}, a folder every instance shares (a volume). Any other value
 * registers nothing: the cluster service then comes from the Camel registry, e.g. a Kubernetes
 * lease service declared with {@code camel.beans.*} properties.
 */
@ApplicationScoped
public class FeedLeadership {

    private static final Logger LOG = Logger.getLogger(FeedLeadership.class);

    @ConfigProperty(name = "callgem.cluster.enabled", defaultValue = "false")
    boolean enabled;

    @ConfigProperty(name = "callgem.cluster.service", defaultValue = "file")
    String service;

    @ConfigProperty(name = "callgem.cluster.lock-dir", defaultValue = "data/cluster")
    Path lockDir;

    @ConfigProperty(name = "callgem.cluster.namespace", defaultValue = "callgem-feed")
    String namespace;

    /** Name of this instance in the cluster; defaults to a random id (Camel's). */
    @ConfigProperty(name = "callgem.cluster.node-id")
    Optional<String> nodeId;

    /** How often a follower tries to take the lock (and the leader writes its heartbeat). */
    @ConfigProperty(name = "callgem.cluster.acquire-lock-interval", defaultValue = "1s")
    Duration acquireLockInterval;

    /** A leader whose heartbeat is older than this many intervals is taken over. */
    @ConfigProperty(name = "callgem.cluster.heartbeat-timeout-multiplier", defaultValue = "3")
    int heartbeatTimeoutMultiplier;

    void onInitializing(@Observes CamelContextInitializingEvent event) throws Exception {
        CamelContext context = event.getContext();
        if (!enabled || !"file".equals(service) || context.hasService(CamelClusterService.class) != null) {
            return;
        }
        context.addService(fileLockService(), true, true);
        LOG.infof("Leader election on: only the holder of %s/%s connects to CallGem",
                lockDir.toAbsolutePath(), namespace);
    }

    FileLockClusterService fileLockService() {
        FileLockClusterService cluster = new FileLockClusterService();
        cluster.setRoot(lockDir.toAbsolutePath().toString());
        nodeId.ifPresent(cluster::setId);
        cluster.setAcquireLockDelay(acquireLockInterval.toMillis(), TimeUnit.MILLISECONDS);
        cluster.setAcquireLockInterval(acquireLockInterval.toMillis(), TimeUnit.MILLISECONDS);
        cluster.setHeartbeatTimeoutMultiplier(heartbeatTimeoutMultiplier);
        return cluster;
    }
}

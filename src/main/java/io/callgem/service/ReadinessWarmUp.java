package io.callgem.service;

import java.io.OutputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.SmallRyeHealthReporter;
import org.jboss.logging.Logger;

/**
 * Runs the readiness checks once, on a thread of its own, while Quarkus opens the HTTP port: the
 * first {@code GET /q/health/ready} otherwise pays for loading and initialising every check (Camel's
 * health check registry, the Artemis check's first connection, the JSON writer), about half a
 * second on a 2-core machine, and that is the moment orchestrators wait for. The result is
 * discarded; nothing else changes.
 */
@ApplicationScoped
public class ReadinessWarmUp {

    private static final Logger LOG = Logger.getLogger(ReadinessWarmUp.class);

    @Inject
    SmallRyeHealthReporter health;

    void onStart(@Observes StartupEvent event) {
        Thread thread = new Thread(this::warmUp, "readiness-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private void warmUp() {
        try {
            health.reportHealth(OutputStream.nullOutputStream(), health.getReadiness());
        } catch (RuntimeException e) {
            LOG.debugf("Readiness warm-up: %s", e);
        }
    }
}

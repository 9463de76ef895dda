package io.callgem.service;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the sinks: a sink whose latest delivery failed into the dead letter (a full or
 * read-only disk, a broker that refuses) is reported {@code DOWN} with its error, until a
 * delivery to it succeeds again. The other sinks keep delivering meanwhile.
 */
@Readiness
@Default
@ApplicationScoped
public class SinkHealth implements HealthCheck {

    private record Failure(Instant at, String reason) {
    }

    private final Map<String, Failure> failing = new ConcurrentHashMap<>();

    public void delivered(String sink) {
        if (!failing.isEmpty()) {
            failing.remove(sink);
        }
    }

    public void failed(String sink, String reason) {
        failing.put(sink, new Failure(Instant.now(), reason));
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("outcome-sinks").status(failing.isEmpty());
        failing.forEach((sink, failure) -> response.withData(sink, failure.at() + " " + failure.reason()));
        return response.build();
    }
}

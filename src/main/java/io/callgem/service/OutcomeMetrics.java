package io.callgem.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The service's own counters, next to Camel's route metrics on {@code /q/metrics}. */
@ApplicationScoped
public class OutcomeMetrics {

    @Inject
    MeterRegistry registry;

    public void received(String tenant, boolean valid) {
        Counter.builder("callgem.outcomes.received")
                .description("OZ outcomes received from CallGem")
                .tag("tenant", tenant)
                .tag("valid", Boolean.toString(valid))
                .register(registry).increment();
    }

    public void delivered(String sink, String tenant) {
        Counter.builder("callgem.outcomes.delivered")
                .description("Outcomes delivered, per sink and tenant")
                .tag("sink", sink)
                .tag("tenant", tenant)
                .register(registry).increment();
    }

    public void rejected(String reason) {
        Counter.builder("callgem.outcomes.rejected")
                .description("Frames or outcomes rejected as unparsable or invalid")
                .tag("reason", reason)
                .register(registry).increment();
    }

    public void deadLettered(String sink) {
        Counter.builder("callgem.outcomes.dead.lettered")
                .description("Outcomes or frames written to the dead letter")
                .tag("sink", sink)
                .register(registry).increment();
    }
}

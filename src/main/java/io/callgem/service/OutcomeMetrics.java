package io.callgem.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The service's own counters, next to Camel's route metrics on {@code /q/metrics}. Each
 * counter is looked up in the registry once and then kept: these run for every outcome.
 */
@ApplicationScoped
public class OutcomeMetrics {

    @Inject
    MeterRegistry registry;

    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

    /** {@code count} outcomes of one tenant received (a batch's are counted per tenant, not one by one). */
    public void received(String tenant, boolean valid, int count) {
        counter("callgem.outcomes.received", "OZ outcomes received from CallGem",
                "tenant", tenant, "valid", Boolean.toString(valid)).increment(count);
    }

    public void delivered(String sink, String tenant) {
        delivered(sink, tenant, 1);
    }

    /** {@code count} outcomes of one tenant delivered to a sink. */
    public void delivered(String sink, String tenant, int count) {
        counter("callgem.outcomes.delivered", "Outcomes delivered, per sink and tenant",
                "sink", sink, "tenant", tenant).increment(count);
    }

    public void rejected(String reason) {
        counter("callgem.outcomes.rejected", "Frames or outcomes rejected as unparsable or invalid",
                "reason", reason).increment();
    }

    public void deadLettered(String sink) {
        counter("callgem.outcomes.dead.lettered", "Outcomes or frames written to the dead letter",
                "sink", sink).increment();
    }

    private Counter counter(String name, String description, String... tags) {
        List<String> key = new ArrayList<>(tags.length + 1);
        key.add(name);
        key.addAll(Arrays.asList(tags));
        return counters.computeIfAbsent(key, k -> Counter.builder(name).description(description).tags(tags)
                .register(registry));
    }
}

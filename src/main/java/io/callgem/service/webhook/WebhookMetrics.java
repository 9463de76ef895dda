package io.callgem.service.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Webhook meters per tenant (the outcome's tenant, never a URL or secret): delivered,
 * retried (attempts that will be tried again), dead-lettered, and the latency of every
 * attempt as a histogram, tagged with its status class.
 */
public class WebhookMetrics {

    private final MeterRegistry registry;
    /** Each meter looked up once, then kept: building one runs the registry's filters every time. */
    private final Map<List<String>, Meter> meters = new ConcurrentHashMap<>();

    public WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void attempted(String tenant, Attempt attempt) {
        String status = attempt.statusClass();
        Timer timer = (Timer) meters.computeIfAbsent(List.of("callgem.webhook.latency", tenant, status),
                key -> Timer.builder("callgem.webhook.latency")
                        .description("Time of one webhook attempt, until the CRM's response or the error")
                        .tag("tenant", tenant)
                        .tag("status", status)
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofMinutes(1))
                        .register(registry));
        timer.record(attempt.latency());
    }

    public void delivered(String tenant) {
        count("callgem.webhook.delivered", "Outcomes a CRM accepted (2xx)", tenant);
    }

    public void retried(String tenant) {
        count("callgem.webhook.retried", "Failed webhook attempts scheduled to be tried again", tenant);
    }

    public void deadLettered(String tenant) {
        count("callgem.webhook.dead.lettered", "Outcomes whose webhook delivery was given up", tenant);
    }

    private void count(String name, String description, String tenant) {
        Counter counter = (Counter) meters.computeIfAbsent(List.of(name, tenant),
                key -> Counter.builder(name).description(description).tag("tenant", tenant).register(registry));
        counter.increment();
    }
}

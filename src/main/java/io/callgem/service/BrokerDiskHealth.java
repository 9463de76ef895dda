package io.callgem.service;

import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the embedded broker's disk. Once the disk holding its journal is fuller than
 * {@code outcomes.broker.max-disk-usage} (or has less free than
 * {@code outcomes.broker.min-disk-free}), Artemis blocks every producer ("AMQ222212: Disk Full!
 * Blocking message production"): no outcome is handed off or lost, the CallGem feed waits, and
 * nothing else would tell. Reported {@code DOWN} meanwhile, with the disk's usage; on
 * {@code /q/metrics} as {@code callgem_broker_disk_usage} (0 to 1) and
 * {@code callgem_broker_disk_full} (1 while blocked).
 */
@Readiness
@ApplicationScoped
public class BrokerDiskHealth implements HealthCheck {

    @Inject
    EmbeddedBroker broker;

    @Inject
    MeterRegistry registry;

    void registerGauges(@Observes StartupEvent event) {
        Gauge.builder("callgem.broker.disk.usage", broker,
                        b -> b.disk().map(EmbeddedBroker.Disk::usage).orElse(Double.NaN))
                .description("Share of the embedded broker's journal disk in use, 0 to 1")
                .register(registry);
        Gauge.builder("callgem.broker.disk.full", broker,
                        b -> b.disk().filter(EmbeddedBroker.Disk::full).isPresent() ? 1 : 0)
                .description("1 while the embedded broker blocks producers for lack of disk space, else 0")
                .register(registry);
    }

    @Override
    public HealthCheckResponse call() {
        Optional<EmbeddedBroker.Disk> disk = broker.disk();
        boolean blocked = disk.filter(EmbeddedBroker.Disk::full).isPresent();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("broker-disk").status(!blocked);
        disk.filter(EmbeddedBroker.Disk::checked).ifPresent(d -> response
                .withData("usage", String.format(Locale.ROOT, "%.1f%%", d.usage() * 100))
                .withData("free", d.usable() / (1024 * 1024) + " MiB"));
        if (blocked) {
            response.withData("blocked", "no outcome is handed off until the disk has room"
                    + " (outcomes.broker.max-disk-usage, outcomes.broker.min-disk-free)");
        }
        return response.build();
    }
}

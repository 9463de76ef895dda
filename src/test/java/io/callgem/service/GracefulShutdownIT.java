package io.callgem.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.callgem.simulator.CallGemSimulator;
import io.callgem.simulator.SimulatorSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graceful stop (SIGTERM) of the packaged service under load: the subscriptions are ended
 * with EE, no file line is left half-written, and what was read before the stop is delivered
 * or still pending in the durable inbox, to be delivered by the next start.
 */
class GracefulShutdownIT {

    @Test
    void stoppingUnderLoadEndsSubscriptionsAndKeepsEveryOutcome(
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path data) throws Exception {
        Path outcomesDir = data.resolve("outcomes");
        SimulatorSettings settings = SimulatorSettings.forTests().withRatePerSecond(2000).withCount(6000);

        try (CallGemSimulator simulator = CallGemSimulator.start(settings)) {
            Map<String, String> config = ServiceProcess.fedBy(simulator, "shutdown-test");
            try (ServiceProcess service = ServiceProcess.start(data, "first", config)) {
                service.awaitReady(Duration.ofSeconds(90));
                int subscriptions = simulator.activeSubscriptions().size();
                await().atMost(Duration.ofSeconds(60)).until(() -> DeliveredOutcomes.read(outcomesDir).size() >= 500);

                assertThat(service.stop(Duration.ofSeconds(60))).isIn(0, 143);

                assertThat(simulator.received("EE")).hasSize(subscriptions);
                assertThat(simulator.activeSubscriptions()).isEmpty();
            }
            long sentBeforeStop = simulator.outcomesSent();
            // every line is whole JSON (DeliveredOutcomes.read fails on a half-written one)
            int deliveredAtStop = DeliveredOutcomes.read(outcomesDir).size();

            try (ServiceProcess again = ServiceProcess.start(data, "second", config)) {
                again.awaitReady(Duration.ofSeconds(90));
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                        .until(() -> DeliveredOutcomes.countBySession(outcomesDir).size() >= simulator.outcomesSent()
                                && simulator.outcomesGenerated() >= 6000);
                Thread.sleep(1000);
                Map<String, Integer> delivered = DeliveredOutcomes.countBySession(outcomesDir);
                System.out.printf("shutdown test: sent before stop %d, delivered at stop %d, sent in all %d, "
                        + "delivered %d distinct, duplicated %d%n", sentBeforeStop, deliveredAtStop,
                        simulator.outcomesSent(), delivered.size(),
                        delivered.values().stream().filter(n -> n > 1).count());
                assertThat(delivered).hasSize((int) simulator.outcomesSent());
                assertThat(delivered.values()).containsOnly(1);
            }
        }
    }
}

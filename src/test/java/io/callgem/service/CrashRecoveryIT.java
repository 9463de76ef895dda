package io.callgem.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.callgem.protocol.Outcome;
import io.callgem.simulator.CallGemSimulator;
import io.callgem.simulator.Faults;
import io.callgem.simulator.SimulatorSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost, nothing duplicated across a {@code kill -9}: the packaged service is killed
 * while outcomes stream in, started again on the same data folder, and every outcome the
 * simulator generated is counted in the tenant files.
 */
class CrashRecoveryIT {

    private static final int OUTCOMES = 3000;
    private static final int PER_TICK = 15;

    @Test
    void aKilledServiceLosesAndDuplicatesNothing(
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path data) throws Exception {
        Path outcomesDir = data.resolve("outcomes");
        // CallGem replays what it buffered for the PS token while we were away; it cannot know
        // what we had read but not yet made durable when we died, so it re-sends a generous
        // overlap: the ledger must drop every outcome of it that was already delivered.
        SimulatorSettings settings = SimulatorSettings.forTests()
                .withFaults(Faults.none().withReplayOverlap(OUTCOMES));
        Set<String> generated = ConcurrentHashMap.newKeySet();
        AtomicBoolean generating = new AtomicBoolean(true);

        try (CallGemSimulator simulator = CallGemSimulator.start(settings)) {
            Map<String, String> config = ServiceProcess.fedBy(simulator, "crash-test");
            ServiceProcess first = ServiceProcess.start(data, "first", config).awaitReady(Duration.ofSeconds(60));

            Thread generator = new Thread(() -> {
                while (generated.size() < OUTCOMES) {
                    for (Outcome outcome : simulator.generate(PER_TICK)) {
                        generated.add(outcome.sessionId());
                    }
                    sleep(10);
                }
                generating.set(false);
            }, "generator");
            generator.start();

            await().atMost(Duration.ofSeconds(60)).until(() -> DeliveredOutcomes.read(outcomesDir).size() >= OUTCOMES / 4);
            first.kill();
            int deliveredBeforeKill = DeliveredOutcomes.read(outcomesDir).size();

            try (ServiceProcess second = ServiceProcess.start(data, "second", config)) {
                second.awaitReady(Duration.ofSeconds(60));
                generator.join(Duration.ofSeconds(60).toMillis());
                assertThat(generating).isFalse();
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                        .until(() -> DeliveredOutcomes.countBySession(outcomesDir).keySet().containsAll(generated));
                Thread.sleep(1000); // let anything that would be a duplicate arrive

                Map<String, Integer> delivered = DeliveredOutcomes.countBySession(outcomesDir);
                List<String> duplicated = delivered.entrySet().stream()
                        .filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
                System.out.printf("crash test: generated %d, delivered before kill %d, delivered %d distinct, "
                        + "duplicated %d, lost %d%n", generated.size(), deliveredBeforeKill, delivered.size(),
                        duplicated.size(), generated.stream().filter(si -> !delivered.containsKey(si)).count());

                assertThat(delivered.keySet()).containsExactlyInAnyOrderElementsOf(generated);
                assertThat(duplicated).isEmpty();
                assertThat(second.stop(Duration.ofSeconds(30))).isIn(0, 143);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

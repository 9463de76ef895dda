package io.callgem.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callgem.protocol.Outcome;
import io.callgem.simulator.CallGemSimulator;
import io.callgem.simulator.Faults;
import io.callgem.simulator.SimulatorSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk without room for the broker (here: a minimum of free space no disk has): the packaged
 * service hands nothing off and says why (readiness {@code DOWN} for {@code broker-disk}, the
 * gauge at 1), and once started again with room every outcome is delivered, once.
 */
class BrokerDiskFullIT {

    private static final int OUTCOMES = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFullDiskHoldsTheOutcomesBackSaysSoAndLosesNone(
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path data) throws Exception {
        Path outcomesDir = data.resolve("outcomes");
        // what the blocked service read but could not hand off, CallGem sends again for the PS token
        SimulatorSettings settings = SimulatorSettings.forTests().withFaults(Faults.none().withReplayOverlap(OUTCOMES));
        try (CallGemSimulator simulator = CallGemSimulator.start(settings)) {
            Map<String, String> config = ServiceProcess.fedBy(simulator, "disk-test");
            Map<String, String> noRoom = new HashMap<>(config);
            noRoom.put("outcomes.broker.min-disk-free", "1000000T");
            Set<String> generated = new HashSet<>();

            try (ServiceProcess full = ServiceProcess.start(data, "full", noRoom)) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                        .until(() -> check(full, "broker-disk").path("status").asText().equals("DOWN"));
                simulator.awaitSubscriptions(3, Duration.ofSeconds(30));
                for (Outcome outcome : simulator.generate(OUTCOMES)) {
                    generated.add(outcome.sessionId());
                }
                Thread.sleep(3000);

                JsonNode disk = check(full, "broker-disk");
                assertThat(disk.path("data").path("blocked").asText()).contains("outcomes.broker.min-disk-free");
                assertThat(disk.path("data").path("usage").asText()).endsWith("%");
                assertThat(full.send("/q/health/ready").statusCode()).isEqualTo(503);
                // connected and subscribed: the disk alone holds the outcomes back
                assertThat(downChecks(full)).containsExactly("broker-disk");
                assertThat(full.get("/q/metrics")).contains("callgem_broker_disk_full 1.0");
                assertThat(DeliveredOutcomes.read(outcomesDir)).isEmpty();
                full.kill();
            }

            try (ServiceProcess roomy = ServiceProcess.start(data, "roomy", config)) {
                roomy.awaitReady(Duration.ofSeconds(60));
                assertThat(check(roomy, "broker-disk").path("status").asText()).isEqualTo("UP");
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> DeliveredOutcomes.countBySession(outcomesDir).keySet().containsAll(generated));
                Thread.sleep(1000); // let anything that would be a duplicate arrive
                Map<String, Integer> delivered = DeliveredOutcomes.countBySession(outcomesDir);
                assertThat(delivered.keySet()).containsExactlyInAnyOrderElementsOf(generated);
                assertThat(delivered.values()).containsOnly(1);
                assertThat(roomy.get("/q/metrics")).contains("callgem_broker_disk_full 0.0");
            }
        }
    }

    /** The names of the readiness checks that are DOWN. */
    private static Set<String> downChecks(ServiceProcess service) throws Exception {
        Set<String> down = new HashSet<>();
        checks(service).forEach((name, check) -> {
            if (!check.path("status").asText().equals("UP")) {
                down.add(name);
            }
        });
        return down;
    }

    /** The readiness check named {@code name} (whatever the overall status), or a missing node. */
    private static JsonNode check(ServiceProcess service, String name) throws Exception {
        return checks(service).getOrDefault(name, JSON.missingNode());
    }

    /** The readiness checks by name, whatever the overall status. */
    private static Map<String, JsonNode> checks(ServiceProcess service) throws Exception {
        Map<String, JsonNode> checks = new HashMap<>();
        for (JsonNode check : JSON.readTree(service.send("/q/health/ready").body()).path("checks")) {
            checks.put(check.path("name").asText(), check);
        }
        return checks;
    }
}

package io.callgem.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.callgem.protocol.EnumerateOutcomes;
import io.callgem.protocol.Outcome;
import io.callgem.protocol.SdmpMessage;
import io.callgem.simulator.CallGemSimulator;
import io.callgem.simulator.Faults;
import io.callgem.simulator.SimulatorSettings;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out, shown with two JVMs of the packaged service (docs/scale-out.md): both are clustered
 * on one lock folder and share one broker (started here, standing in for an external Artemis);
 * only the leader connects to the CallGem simulator. The leader is killed (SIGKILL) while outcomes
 * flow; the other instance takes the lock, subscribes again with the same persist token, gets
 * the backlog (and, on purpose, an overlap of outcomes already sent to the dead leader), and every
 * outcome generated ends up in the instances' outcome files.
 * <p>
 * What "exactly once" covers here: the broker's duplicate detection on the hand-off drops every
 * replayed outcome whose id it has seen, whichever instance read it. The only duplicates left are
 * the outcomes the killed leader had appended to its file but not yet acknowledged (the broker
 * redelivers them to the survivor, whose ledger is its own); the test counts and prints them and
 * bounds them by what can be in flight.
 */
class LeaderFailoverIT {

    private static final String TOKEN = "failover-it";
    private static final int BEFORE_KILL = 600;
    private static final int TOTAL = 1500;
    /**
     * CallGem cannot know what a killed client had read but not yet made durable (the socket
     * buffers alone hold hundreds of outcomes), so it re-sends a generous overlap to the token's
     * next subscription (CallGem keeps about an hour of history): all of it, here.
     */
    private static final int REPLAY_OVERLAP = TOTAL;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<ServiceInstance> instances = new ArrayList<>();
    private CallGemSimulator simulator;
    private EmbeddedActiveMQ broker;
    /** The instances' data folders and the cluster's lock folder: kept when the test fails. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path root;

    @AfterEach
    void stop() throws Exception {
        for (ServiceInstance instance : instances) {
            instance.close();
        }
        if (simulator != null) {
            simulator.stop();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void theFollowerTakesOverTheFeedWithThePersistTokenAndNothingIsLost() throws Exception {
        int brokerPort = ServiceInstance.freePort();
        broker = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + brokerPort));
        broker.start();
        simulator = CallGemSimulator.start(SimulatorSettings.forTests()
                .withHost("127.0.0.1")
                .withPort(0)
                .withFaults(Faults.none().withReplayOverlap(REPLAY_OVERLAP)));
        int campaigns = simulator.settings().campaigns().size();

        Map<String, String> shared = new HashMap<>();
        shared.put("callgem.simulator.enabled", "false");
        shared.put("callgem.host", "127.0.0.1");
        shared.put("callgem.port", Integer.toString(simulator.port()));
        shared.put("callgem.campaigns", String.join(",", simulator.settings().campaigns()));
        shared.put("callgem.persist-token", TOKEN);
        shared.put("callgem.cluster.enabled", "true");
        shared.put("callgem.cluster.lock-dir", root.resolve("cluster").toString());
        shared.put("callgem.cluster.acquire-lock-interval", "500ms");
        shared.put("outcomes.broker.embedded", "false");
        shared.put("quarkus.artemis.url", "tcp://127.0.0.1:" + brokerPort);
        shared.put("outcomes.jms.enabled", "false");
        for (String name : List.of("a", "b")) {
            Map<String, String> own = new HashMap<>(shared);
            own.put("callgem.cluster.node-id", name);
            instances.add(ServiceInstance.start(name, root.resolve(name), own));
        }

        // both up; exactly one of them connected and subscribed, once per campaign, with the token
        await().atMost(Duration.ofSeconds(60)).until(() -> instances.stream().allMatch(i -> i.log().contains(" started in ")));
        simulator.awaitSubscriptions(campaigns, Duration.ofSeconds(30));
        Thread.sleep(2000); // four lock intervals: the follower keeps trying and failing
        assertThat(simulator.totalConnections()).as("CallGem connections").isEqualTo(1);
        ServiceInstance leader = await().atMost(Duration.ofSeconds(10)).until(this::leader, l -> l != null);
        ServiceInstance follower = instances.get(0) == leader ? instances.get(1) : instances.get(0);
        assertThat(follower.log()).doesNotContain("Leadership taken");
        HttpResponse<String> followerReady = ready(follower);
        assertThat(followerReady.statusCode()).as("a follower is ready: it delivers from the shared broker").isEqualTo(200);
        assertThat(leadership(followerReady)).isEqualTo("follower");
        assertThat(leadership(ready(leader))).isEqualTo("leader");
        List<SdmpMessage> firstEos = simulator.received("EO");
        assertThat(firstEos).hasSize(campaigns)
                .allSatisfy(eo -> assertThat(EnumerateOutcomes.from(eo).persistToken()).isEqualTo(TOKEN));

        // outcomes flow; the leader is killed in the middle of them; generation goes on
        Set<String> generated = ConcurrentHashMap.newKeySet();
        Thread feed = new Thread(() -> generate(generated), "failover-feed");
        feed.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> generated.size() >= BEFORE_KILL
                && delivered(instances).size() >= BEFORE_KILL / 2);
        long killedAt = System.nanoTime();
        leader.kill();

        simulator.awaitReceived("EO", 2 * campaigns, Duration.ofSeconds(30));
        long takeoverMillis = (System.nanoTime() - killedAt) / 1_000_000;
        List<SdmpMessage> eos = simulator.received("EO");
        assertThat(eos.subList(campaigns, eos.size()))
                .allSatisfy(eo -> assertThat(EnumerateOutcomes.from(eo).persistToken()).isEqualTo(TOKEN));
        assertThat(follower.log()).contains("Leadership taken");
        assertThat(leadership(ready(follower))).isEqualTo("leader");
        assertThat(simulator.totalConnections()).isEqualTo(2);
        feed.join(60_000);
        assertThat(generated).hasSize(TOTAL);

        // every outcome generated is in an outcome file; count how often
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!delivered(instances).keySet().containsAll(generated) && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        Thread.sleep(1000); // late duplicates, if any, would show now
        Map<String, Integer> lines = delivered(instances);
        int total = lines.values().stream().mapToInt(Integer::intValue).sum();
        List<String> twice = lines.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        long replayed = simulator.outcomesSent() - TOTAL;
        long missing = generated.stream().filter(si -> !lines.containsKey(si)).count();
        System.out.printf("leader failover: generated=%d, delivered lines=%d (killed leader %d, follower %d), "
                        + "distinct=%d, missing=%d, duplicates=%d, replayed by CallGem=%d, takeover=%d ms%n",
                TOTAL, total, delivered(List.of(leader)).size(), delivered(List.of(follower)).size(),
                lines.size(), missing, total - lines.size(), replayed, takeoverMillis);

        assertThat(lines.keySet()).containsExactlyInAnyOrderElementsOf(generated);
        assertThat(replayed).as("CallGem replayed what the dead leader had been sent").isGreaterThan(0);
        // no outcome twice in one instance's files; across instances only the leader's last unacknowledged ones
        assertThat(delivered(List.of(leader)).values()).allMatch(n -> n == 1);
        assertThat(delivered(List.of(follower)).values()).allMatch(n -> n == 1);
        assertThat(twice).as("duplicates across instances").hasSizeLessThan(10);
        assertThat(simulator.outcomesWaiting()).as("backlog drained").isZero();
        assertThat(takeoverMillis).as("takeover").isLessThan(30_000);
    }

    /** Generates {@link #TOTAL} outcomes in small batches, about 1000 a second, recording their SI. */
    private void generate(Set<String> generated) {
        while (generated.size() < TOTAL) {
            for (Outcome outcome : simulator.generate(Math.min(20, TOTAL - generated.size()))) {
                generated.add(outcome.sessionId());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private ServiceInstance leader() {
        List<ServiceInstance> leaders = instances.stream().filter(i -> i.log().contains("Leadership taken")).toList();
        return leaders.size() == 1 ? leaders.get(0) : null;
    }

    private static HttpResponse<String> ready(ServiceInstance instance) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + instance.httpPort + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The role the instance's readiness reports for the feed: leader or follower. */
    private static String leadership(HttpResponse<String> ready) throws IOException {
        for (JsonNode check : MAPPER.readTree(ready.body()).get("checks")) {
            if ("callgem-feed-leadership".equals(check.get("name").asText())) {
                assertThat(check.get("status").asText()).isEqualTo("UP");
                return check.get("data").get("role").asText();
            }
        }
        throw new AssertionError("no leadership check in " + ready.body());
    }

    /** Session id (unique per generated outcome) -> lines holding it, over the instances' outcome files. */
    private static Map<String, Integer> delivered(List<ServiceInstance> from) throws IOException {
        Map<String, Integer> count = new HashMap<>();
        for (ServiceInstance instance : from) {
            if (!Files.isDirectory(instance.outcomesDir())) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> all = Files.walk(instance.outcomesDir())) {
                files = all.filter(p -> p.toString().endsWith(".jsonl")).collect(Collectors.toList());
            }
            for (Path file : files) {
                for (String line : Files.readAllLines(file)) {
                    if (line.isBlank() || !line.endsWith("}")) {
                        continue; // a line being written right now
                    }
                    JsonNode json = MAPPER.readTree(line);
                    count.merge(json.get("sessionId").asText(), 1, Integer::sum);
                }
            }
        }
        return count;
    }
}

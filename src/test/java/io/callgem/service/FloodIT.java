package io.callgem.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.callgem.protocol.Outcome;
import io.callgem.simulator.CallGemSimulator;
import io.callgem.simulator.SimulatorSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8 under load: CallGem floods the packaged service (100,000 outcomes as fast as the
 * socket takes them) while one tenant's webhook answers slowly. The service runs with a small
 * heap: it must not run out of memory (the socket is held back instead), every outcome reaches
 * the files and the JMS queue exactly once, nothing is dead-lettered, and the slow tenant's
 * outcomes not yet POSTed are still pending after a graceful stop: the next start delivers
 * every one of them, each once.
 */
class FloodIT {

    private static final int OUTCOMES = 100_000;
    private static final int CHUNK = 1000;
    /**
     * The heap cap: the embedded broker holds at most 32 MiB of messages in memory (8 MiB per
     * queue) and pages the rest, the consumer stops reading at maxInFlight, so the heap stays
     * bounded however far the slow webhook falls behind. (With Artemis' defaults, 64 MiB per
     * queue and half the heap in all, the service ran out of a 160 MiB heap in this flood; with
     * the limits it ran at -Xmx160m with ~950 GCs, the broker's caches taking what is free, so
     * the test gives it room to not thrash on a slow CI machine.)
     */
    private static final String HEAP = "256m";
    /** Ten tenants: the slow one gets about a tenth of the flood, drained after the restart. */
    private static final List<String> TENANTS = List.of("acme", "globex", "initech", "umbrella", "hooli",
            "initrode", "vandelay", "wonka", "tyrell", "cyberdyne");
    private static final String SLOW_TENANT = "acme";
    private static final long SLOW_MILLIS = 200;
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    @Test
    void aFloodWithASlowWebhookKeepsTheHeapBoundedAndLosesNothing(
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path data) throws Exception {
        Path outcomesDir = data.resolve("outcomes");
        Path deadLetterDir = data.resolve("dead-letter");
        Map<String, String> sentTenant = new HashMap<>();

        try (CallGemSimulator simulator = CallGemSimulator.start(SimulatorSettings.forTests().withTenants(TENANTS));
                SlowCrm receiver = new SlowCrm(SLOW_MILLIS).start()) {
            Map<String, String> config = ServiceProcess.fedBy(simulator, "flood-test");
            config.put("outcomes.webhook." + SLOW_TENANT + ".url", receiver.url());
            config.put("outcomes.webhook." + SLOW_TENANT + ".secret", SECRET);
            // the consumer logs each read pause at DEBUG: the socket being held back
            config.put("quarkus.log.category.\"io.callgem.component.CallGemConsumer\".level", "DEBUG");
            Path gcFirst = data.resolve("gc-first.log");
            long t0;
            long generatedMillis;
            long deliveredMillis;
            int webhookAtStop;
            double jmsDelivered;
            double deadLetteredFirst;
            try (ServiceProcess first = ServiceProcess.start(data, "first", config,
                    List.of("-Xmx" + HEAP, "-Xlog:gc:file=" + gcFirst))) {
                first.awaitReady(Duration.ofSeconds(90));

                t0 = System.nanoTime();
                while (sentTenant.size() < OUTCOMES) {
                    for (Outcome outcome : simulator.generate(Math.min(CHUNK, OUTCOMES - sentTenant.size()))) {
                        sentTenant.put(outcome.sessionId(), outcome.tenant());
                    }
                }
                generatedMillis = (System.nanoTime() - t0) / 1_000_000;
                int deliveredWhenGenerated = lineCount(outcomesDir);
                System.out.printf("flood test: %d outcomes generated in %d ms; %d in the files by then%n",
                        OUTCOMES, generatedMillis, deliveredWhenGenerated);

                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    if (!first.isAlive() || Files.readString(first.log()).contains("OutOfMemoryError")) {
                        throw new IllegalStateException("The service died or ran out of heap; see " + first.log());
                    }
                    return lineCount(outcomesDir) >= OUTCOMES
                            && sum(first.get("/q/metrics"), "callgem_outcomes_delivered_total", "sink=\"jms\"") >= OUTCOMES;
                });
                deliveredMillis = (System.nanoTime() - t0) / 1_000_000;
                Thread.sleep(1000); // let anything that would be a duplicate arrive

                String metrics = first.get("/q/metrics");
                jmsDelivered = sum(metrics, "callgem_outcomes_delivered_total", "sink=\"jms\"");
                deadLetteredFirst = sum(metrics, "callgem_outcomes_dead_lettered_total", "");
                assertThat(first.isAlive()).isTrue();
                assertThat(jmsDelivered).isEqualTo(OUTCOMES);
                assertThat(sum(metrics, "callgem_outcomes_delivered_total", "sink=\"files\"")).isEqualTo(OUTCOMES);
                assertThat(deadLetteredFirst).isZero();
                assertThat(sum(metrics, "callgem_frames_malformed_total", "")).isZero();

                // the slow CRM: only distinct ids so far, and far behind; the rest waits in its queue
                webhookAtStop = receiver.distinct();
                assertThat(receiver.requests()).isEqualTo(receiver.distinct());
                assertThat(receiver.badRequests()).isZero();

                receiver.delayMillis(0);
                assertThat(first.stop(Duration.ofSeconds(60))).isIn(0, 143);
            }
            String firstLog = Files.readString(data.resolve("first.log"));
            assertThat(firstLog).doesNotContain("OutOfMemoryError");
            long readPauses = firstLog.lines().filter(l -> l.contains("pausing reads")).count();
            Heap heap = Heap.of(gcFirst);

            Set<String> slowTenant = new HashSet<>();
            sentTenant.forEach((si, tenant) -> {
                if (SLOW_TENANT.equals(tenant)) {
                    slowTenant.add(si);
                }
            });
            int pendingAtStop = slowTenant.size() - webhookAtStop;

            // the next start, with a CRM that now answers at once, delivers every pending one
            long t1 = System.nanoTime();
            Map<String, String> again = new HashMap<>(config);
            // the backlog drained by 4 requests at once (its order is not checked here)
            again.put("outcomes.webhook.concurrency", "4");
            again.put("outcomes.webhook.ordered", "false");
            try (ServiceProcess second = ServiceProcess.start(data, "second", again,
                    List.of("-Xmx" + HEAP, "-Xlog:gc:file=" + data.resolve("gc-second.log")))) {
                second.awaitReady(Duration.ofSeconds(90));
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    if (!second.isAlive()) {
                        throw new IllegalStateException("The service died; see " + second.log());
                    }
                    return receiver.distinct() >= slowTenant.size();
                });
                long drainMillis = (System.nanoTime() - t1) / 1_000_000;
                Thread.sleep(1000);
                String metrics = second.get("/q/metrics");
                assertThat(sum(metrics, "callgem_outcomes_dead_lettered_total", "")).isZero();
                assertThat(second.stop(Duration.ofSeconds(60))).isIn(0, 143);

                Map<String, Integer> delivered = DeliveredOutcomes.countBySession(outcomesDir);
                long duplicated = delivered.values().stream().filter(n -> n > 1).count();
                long lost = sentTenant.keySet().stream().filter(si -> !delivered.containsKey(si)).count();
                int deadLetterLines = lineCount(deadLetterDir);
                System.out.printf("flood test: sent %d, delivered %d distinct to files (%d lines), jms %d, "
                        + "duplicated %d, lost %d, dead-lettered %d (%d lines); heap -Xmx%s, peak used %d MiB "
                        + "(live after GC at most %d MiB, %d GCs); read pauses %d; generated in %d ms, "
                        + "files+jms complete after %d ms (%.0f outcomes/s); webhook %s: %d of %d before the "
                        + "stop (%d pending), %d requests for %d distinct ids in all, the rest in %d ms after "
                        + "the restart%n", OUTCOMES, delivered.size(), lineCount(outcomesDir), (long) jmsDelivered,
                        duplicated, lost, (long) deadLetteredFirst, deadLetterLines, HEAP, heap.peakUsedMiB,
                        heap.peakLiveMiB, heap.collections, readPauses, generatedMillis, deliveredMillis,
                        OUTCOMES * 1000.0 / deliveredMillis, SLOW_TENANT, webhookAtStop, slowTenant.size(),
                        pendingAtStop, receiver.requests(), receiver.distinct(), drainMillis);

                assertThat(delivered.keySet()).containsExactlyInAnyOrderElementsOf(sentTenant.keySet());
                assertThat(duplicated).isZero();
                assertThat(deadLetterLines).isZero();
                assertThat(receiver.sessions()).containsExactlyInAnyOrderElementsOf(slowTenant);
                assertThat(receiver.requests()).isEqualTo(receiver.distinct());
                assertThat(receiver.badRequests()).isZero();
                // the slow CRM was still far behind when the files were complete: the pending ones
                // were durable across the stop, not merely delivered before it
                assertThat(pendingAtStop).isPositive();
                assertThat(heap.collections).isPositive();
                assertThat(Files.readString(second.log())).doesNotContain("OutOfMemoryError");
            }
        }
    }

    /** Lines in every .jsonl file under {@code dir}: cheap enough to poll while 100,000 arrive. */
    private static int lineCount(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            int lines = 0;
            for (Path file : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                try (Stream<String> content = Files.lines(file)) {
                    lines += (int) content.count();
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sum of the Prometheus samples of {@code name} whose labels contain {@code label}. */
    static double sum(String metrics, String name, String label) {
        double total = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + "{") && line.contains(label)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    /** Heap figures from a {@code -Xlog:gc} file: "Pause Young (...) 95M->31M(160M) 12.3ms". */
    private record Heap(long peakUsedMiB, long peakLiveMiB, int collections) {
        static Heap of(Path gcLog) throws IOException {
            long used = 0;
            long live = 0;
            int collections = 0;
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC_LINE.matcher(line);
                if (m.find()) {
                    used = Math.max(used, Long.parseLong(m.group(1)));
                    live = Math.max(live, Long.parseLong(m.group(2)));
                    collections++;
                }
            }
            return new Heap(used, live, collections);
        }
    }

    /** A CRM on loopback answering 200 to every webhook after a delay; records what it got. */
    private static final class SlowCrm implements AutoCloseable {

        private final HttpServer server;
        private final ExecutorService threads = Executors.newFixedThreadPool(4);
        private volatile long delayMillis;
        private final Set<String> ids = ConcurrentHashMap.newKeySet();
        private final Set<String> sessions = ConcurrentHashMap.newKeySet();
        private final AtomicInteger requests = new AtomicInteger();
        private final AtomicInteger badRequests = new AtomicInteger();

        SlowCrm(long delayMillis) throws IOException {
            this.delayMillis = delayMillis;
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(threads);
            server.createContext("/hooks/callgem", exchange -> {
                try (InputStream body = exchange.getRequestBody()) {
                    byte[] bytes = body.readAllBytes();
                    long delay = this.delayMillis;
                    if (delay > 0) {
                        Thread.sleep(delay);
                    }
                    String id = exchange.getRequestHeaders().getFirst("webhook-id");
                    String tenant = null;
                    String session = null;
                    try {
                        var document = MAPPER.readTree(bytes);
                        tenant = document.get("tenant").asText();
                        session = document.get("sessionId").asText();
                    } catch (IOException | RuntimeException e) {
                        // counted below
                    }
                    requests.incrementAndGet();
                    if (id == null || exchange.getRequestHeaders().getFirst("webhook-signature") == null
                            || !SLOW_TENANT.equals(tenant) || session == null
                            || !id.equals(MAPPER.readTree(bytes).get("outcomeId").asText())) {
                        badRequests.incrementAndGet();
                    }
                    ids.add(String.valueOf(id));
                    if (session != null) {
                        sessions.add(session);
                    }
                    exchange.sendResponseHeaders(200, -1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    exchange.sendResponseHeaders(503, -1);
                } finally {
                    exchange.close();
                }
            });
        }

        SlowCrm start() {
            server.start();
            return this;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/callgem";
        }

        void delayMillis(long millis) {
            this.delayMillis = millis;
        }

        int distinct() {
            return ids.size();
        }

        int requests() {
            return requests.get();
        }

        int badRequests() {
            return badRequests.get();
        }

        Set<String> sessions() {
            return sessions;
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}

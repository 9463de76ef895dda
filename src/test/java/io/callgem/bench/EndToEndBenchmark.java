package io.callgem.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;

import io.callgem.protocol.EnumerateOutcomes;
import io.callgem.protocol.Outcome;
import io.callgem.service.ServiceProcess;
import io.callgem.simulator.CallGemSimulator;
import io.callgem.simulator.SimulatorSettings;

/**
 * The end-to-end benchmark ({@code bench/run.sh}): the packaged service, started as a child
 * process from the repository root, fed by the simulator running in this JVM.
 *
 * <ol>
 * <li>Baseline: the same jar running only {@code bench/baseline.yaml}, a plain Camel Netty
 * client-mode route that appends each raw NUL-delimited frame to a file: the cost floor.</li>
 * <li>Throughput: {@code --count} outcomes (3 tenants, the generator's realistic mix, about 30%
 * with XML DT) sent as fast as the socket takes them, from the first OZ written to the last
 * line in the per-tenant files; with the durable JMS hand-off and with {@code direct:deliver}.
 * Sent {@code --passes} times to the same service (and the baseline): the first pass is reported
 * as "cold" (the JIT compiling), the last is the figure.</li>
 * <li>Latency: {@code --rate} outcomes/s for {@code --seconds} (after a burst of
 * {@code --warm-up-burst} outcomes, all delivered, and {@code --warm-up} seconds at the same
 * rate), from the OZ handed to the socket to its line in the file and to the webhook received by
 * a local HTTP receiver (and, in the printed line, to its JMS message read by the driver: the
 * broker transaction that queues the webhook has committed by then); heap capped at
 * {@code --latency-heap}.</li>
 * </ol>
 *
 * Every child runs with the collector {@code --gc} (default serial: what we recommend on 2 cores).
 * Peak heap is the largest "heap used before GC" in the child's GC log (and the largest left after
 * a full GC, if there was one: what the service held); peak RSS is its VmHWM.
 * Prints one table (Markdown). Not a test: no assertion on any figure.
 */
public final class EndToEndBenchmark {

    private static final Path JAR = Path.of("target/callgem-outcomes.jar");
    static final Instant START_TIME = Instant.parse("2026-01-05T09:00:00Z");
    private static final long SEED = 20261126L;
    private static final List<String> TENANTS = List.of("acme", "globex", "initech");
    private static final Pattern SESSION_ID = Pattern.compile("\"sessionId\":\"([^\"]*)\"");
    private static final Pattern GC_PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    record Options(int count, int passes, int rate, int seconds, int warmUp, int warmUpBurst, String heap,
            String latencyHeap, String gc, boolean jfr, List<String> runs, List<String> extraProps) {
    }

    /** One line of the table. */
    record Row(String run, String throughput, String cold, String ratio, String file, String webhook, String heap,
            String rss, String ready) {
    }

    private final Options options;
    private final Path work;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private double baselineRate = Double.NaN;

    EndToEndBenchmark(Options options, Path work) {
        this.options = options;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        // this JVM's own logging (the JMS client's through slf4j, the simulator's) goes to the JBoss
        // log manager on the class path, which nothing configures here and which then lets every
        // level through: the JMS client formatted a trace message for every message it received,
        // a quarter of what this JVM allocated. INFO and above, as before, to no handler.
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        org.jboss.logmanager.LogContext.getSystemLogContext().getLogger("").setLevel(java.util.logging.Level.INFO);
        if (!Files.isRegularFile(JAR)) {
            System.err.println("No " + JAR + ": run from the repository root after mvn package (bench/run.sh does)");
            System.exit(2);
        }
        Path work = Files.createTempDirectory("callgem-bench-");
        System.out.printf("CallGem end-to-end benchmark: %d cores, JDK %s, %s; work dir %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadAverage(), work);
        EndToEndBenchmark bench = new EndToEndBenchmark(options, work);
        warmUpSimulator(options.count());
        List<Row> rows = new ArrayList<>();
        for (String run : options.runs()) {
            switch (run) {
                case "baseline" -> rows.add(bench.baseline());
                case "durable" -> rows.add(bench.throughput("service, durable hand-off (JMS inbox), all sinks",
                        List.of()));
                case "files" -> rows.add(bench.throughput("service, durable hand-off, files only (JMS sink off)",
                        List.of("-Doutcomes.jms.enabled=false")));
                case "direct" -> rows.add(bench.throughput("service, direct hand-off, all sinks",
                        List.of("-Doutcomes.handoff.uri=direct:deliver")));
                case "latency" -> rows.add(bench.latency());
                case "startup" -> rows.addAll(bench.startup());
                default -> throw new IllegalArgumentException("unknown run " + run);
            }
        }
        System.out.printf("%nResults (%s, %d cores, JDK %s, %s, load at end: %s)%n%n", Instant.now().toString().substring(0, 16),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("os.name"), loadAverage());
        print(rows);
        System.out.println("\nLogs and GC logs of each run: " + work);
        System.exit(0);   // the webhook receiver's and the simulator's threads would keep the JVM alive
    }

    // ---- runs

    private Row baseline() throws Exception {
        Path dir = work.resolve("baseline");
        Files.createDirectories(dir);
        try (CallGemSimulator simulator = CallGemSimulator.start(simulatorSettings(START_TIME))) {
            simulator.subscribeOnConnect(new EnumerateOutcomes("bench", null, null, true, true, null, null));
            Service service = Service.start("baseline", dir, options.heap(), simulator.port(), freePort(), List.of(
                    "-Dcamel.main.routes-include-pattern=file:bench/baseline.yaml",
                    "-Dbench.baseline.dir=" + dir.resolve("out"),
                    "-Doutcomes.broker.embedded=false"), options);
            try {
                simulator.awaitSubscriptions(1, Duration.ofSeconds(60));
                LineCounter lines = new LineCounter(dir.resolve("out"));
                Feed cold = feedAll(simulator, lines);
                Feed feed = feedAgain(simulator, lines);
                lines.close();
                service.stop();
                baselineRate = feed.rate();
                System.out.printf("baseline: %,d frames in %.2f s = %,.0f/s (cold: %,.0f/s)%n", feed.lines(),
                        feed.seconds(), baselineRate, cold.rate());
                return new Row("baseline: Camel netty textline -> file, no parsing" + cold.note() + feed.note(),
                        rate(baselineRate), rate(cold.rate()), "1.00", "", "", service.peakHeap(), service.peakRss(), "");
            } finally {
                service.stop();
                deleteTree(dir.resolve("out"));
            }
        }
    }

    private Row throughput(String name, List<String> props) throws Exception {
        Path dir = work.resolve(name.replaceAll("[^a-z]+", "-"));
        Files.createDirectories(dir);
        try (CallGemSimulator simulator = CallGemSimulator.start(simulatorSettings(START_TIME))) {
            List<String> all = new ArrayList<>(props);
            all.addAll(serviceProps(dir));
            int brokerPort = freePort();
            all.add("-Doutcomes.broker.listen=tcp://127.0.0.1:" + brokerPort);
            Service service = Service.start("service", dir, options.heap(), simulator.port(), freePort(), all, options);
            try (JmsDrain jms = new JmsDrain(brokerPort)) {
                simulator.awaitSubscriptions(3, Duration.ofSeconds(60));
                jms.start();
                LineCounter lines = new LineCounter(dir.resolve("outcomes"));
                Feed cold = feedAll(simulator, lines);
                Feed feed = feedAgain(simulator, lines);
                lines.close();
                service.stop();
                double rate = feed.rate();
                System.out.printf("%s: %,d outcomes in %.2f s = %,.0f/s (cold: %,.0f/s); JMS queue: %,d drained%n",
                        name, feed.lines(), feed.seconds(), rate, cold.rate(), jms.received());
                return new Row(name + cold.note() + feed.note(), rate(rate), rate(cold.rate()), ratio(rate), "", "",
                        service.peakHeap(), service.peakRss(), "");
            } finally {
                service.stop();
                deleteTree(dir.resolve("outcomes"));
                deleteTree(dir.resolve("data"));
            }
        }
    }

    private Row latency() throws Exception {
        Path dir = work.resolve("latency");
        Files.createDirectories(dir);
        int outcomes = options.warmUpBurst() + options.rate() * (options.warmUp() + options.seconds());
        Times sent = new Times(outcomes);
        Times filed = new Times(outcomes);
        Times hooked = new Times(outcomes);
        Times queued = new Times(outcomes);
        HttpServer receiver = webhookReceiver(hooked);
        byte[] key = new byte[32];
        new java.util.Random(SEED).nextBytes(key);
        try (CallGemSimulator simulator = CallGemSimulator.start(simulatorSettings(Instant.now())
                .withRatePerSecond(options.rate()))) {
            List<String> props = new ArrayList<>(serviceProps(dir));
            props.add("-Doutcomes.webhook.default.url=http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
            props.add("-Doutcomes.webhook.default.secret=whsec_" + Base64.getEncoder().encodeToString(key));
            int brokerPort = freePort();
            props.add("-Doutcomes.broker.listen=tcp://127.0.0.1:" + brokerPort);
            Service service = Service.start("latency", dir, options.latencyHeap(), simulator.port(), freePort(), props,
                    options);
            try (JmsDrain jms = new JmsDrain(brokerPort)) {
                String ready = service.awaitReady(http, Duration.ofSeconds(60));
                simulator.awaitSubscriptions(3, Duration.ofSeconds(60));
                jms.start(queued);
                LineCounter files = new LineCounter(dir.resolve("outcomes"));
                Thread tail = new Thread(() -> files.tail(line -> {
                    Matcher m = SESSION_ID.matcher(line);
                    if (m.find()) {
                        filed.arrived(line, m, System.nanoTime());
                    }
                }), "bench-tail");
                tail.setDaemon(true);
                tail.start();
                warmUpBurst(simulator, filed, hooked);
                pace(simulator, options.rate(), options.warmUp(), null);
                Instant measured = Instant.now();
                pace(simulator, options.rate(), options.seconds(), sent);
                System.out.printf("measured %s to %s (UTC)%n", measured, Instant.now());
                awaitAll(sent, filed, hooked);
                files.stop();
                service.stop();
                String[] file = percentiles(sent, filed);
                String[] hook = percentiles(sent, hooked);
                writeTimeline(dir.resolve("latency.csv"), sent, filed, hooked, queued);
                System.out.printf("latency at %d/s: file %s, webhook %s, JMS %s, ready in %s; lines seen %,d, webhooks"
                        + " received %,d (warm-up included)%n", options.rate(), String.join(" / ", file),
                        String.join(" / ", hook), String.join(" / ", percentiles(sent, queued)), ready, filed.count(),
                        hooked.count());
                return new Row(String.format("latency at %,d/s for %d s after a burst of %,d and %d s (durable, -Xmx%s%s)",
                        options.rate(), options.seconds(), options.warmUpBurst(), options.warmUp(), options.latencyHeap(),
                        options.gc().isEmpty() ? "" : ", " + options.gc() + " GC"),
                        "", "", "", String.join(" / ", file),
                        String.join(" / ", hook), service.peakHeap(), service.peakRss(), ready);
            } finally {
                service.stop();
                deleteTree(dir.resolve("outcomes"));
                deleteTree(dir.resolve("data"));
            }
        } finally {
            receiver.stop(0);
        }
    }

    /**
     * Start to ready, the way users start the service: plain {@code java -jar}, and from the
     * startup archive that {@code bin/startup-archive.sh} makes for this JVM (AppCDS before JDK
     * 25, the AOT cache from 25); {@value #STARTS} starts each, interleaved, the median of each.
     */
    private List<Row> startup() throws Exception {
        Path dir = work.resolve("startup");
        Files.createDirectories(dir);
        ServiceProcess.StartupArchiveRun training = ServiceProcess.trainStartupArchive(dir, 2000, Duration.ofMinutes(5));
        String failed = "bin/startup-archive.sh failed; see " + dir.resolve("training.log");
        if (training.exitCode() != 0) {
            throw new IllegalStateException(failed);
        }
        String archive = training.jvmOption().orElseThrow(() -> new IllegalStateException(failed));
        Map<String, List<Double>> ready = new LinkedHashMap<>();
        ready.put("", new ArrayList<>());
        ready.put(archive, new ArrayList<>());
        try (CallGemSimulator simulator = CallGemSimulator.start(simulatorSettings(Instant.now()).withRatePerSecond(10))) {
            for (int i = 0; i < STARTS; i++) {
                for (Map.Entry<String, List<Double>> way : ready.entrySet()) {
                    Path run = dir.resolve("run-" + i + (way.getKey().isEmpty() ? "-plain" : "-archive"));
                    Files.createDirectories(run);
                    List<String> props = new ArrayList<>(serviceProps(run));
                    if (!way.getKey().isEmpty()) {
                        props.add(way.getKey());
                    }
                    Service service = Service.start("startup", run, options.latencyHeap(), simulator.port(), freePort(),
                            props, options);
                    try {
                        way.getValue().add(service.secondsToReady(http, Duration.ofSeconds(60)));
                    } finally {
                        service.stop();
                        deleteTree(run.resolve("data"));
                    }
                }
            }
        }
        System.out.printf("start to ready, java -jar: %s; from %s: %s%n",
                ready.get("").stream().map(EndToEndBenchmark::seconds).toList(), archive,
                ready.get(archive).stream().map(EndToEndBenchmark::seconds).toList());
        String runs = String.format("(median of %d, -Xmx%s%s)", STARTS, options.latencyHeap(),
                options.gc().isEmpty() ? "" : ", " + options.gc() + " GC");
        return List.of(
                new Row("startup: java -jar " + runs, "", "", "", "", "", "", "", seconds(median(ready.get("")))),
                new Row("startup: from the startup archive, " + archive + " " + runs, "", "", "", "", "", "", "",
                        seconds(median(ready.get(archive)))));
    }

    private static final int STARTS = 3;

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String seconds(double seconds) {
        return Double.isNaN(seconds) ? "not ready" : String.format(Locale.ROOT, "%.2f s", seconds);
    }

    private List<String> serviceProps(Path dir) {
        List<String> props = new ArrayList<>(List.of(
                "-Doutcomes.dir=" + dir.resolve("outcomes"),
                "-Doutcomes.dead-letter.dir=" + dir.resolve("dead-letter"),
                "-Doutcomes.data.dir=" + dir.resolve("data")));
        props.addAll(options.extraProps());
        return props;
    }

    /** The simulator the runs send from: its seed, campaigns and tenants (DocumentBenchmark's outcomes too). */
    static SimulatorSettings simulatorSettings(Instant startTime) {
        return SimulatorSettings.defaults().withHost("127.0.0.1").withPort(0).withTenants(TENANTS).withSeed(SEED)
                .withStartTime(startTime).withCount(0).withRatePerSecond(0);
    }

    /** Lines written and the seconds from the first OZ sent to the last line written. */
    record Feed(long lines, double seconds, boolean complete) {
        double rate() {
            return lines / seconds;
        }

        String note() {
            return complete ? "" : String.format(Locale.ROOT, " (only %,d lines in %.0f s)", lines, seconds);
        }
    }

    /**
     * Runs the simulator's generator and writer through {@code count} outcomes into a socket
     * that discards them, so that the measured runs time the service, not this JVM's JIT.
     */
    private static void warmUpSimulator(int count) throws IOException, InterruptedException {
        long start = System.nanoTime();
        try (CallGemSimulator simulator = CallGemSimulator.start(simulatorSettings(START_TIME))) {
            simulator.subscribeOnConnect(new EnumerateOutcomes("warm-up", null, null, true, true, null, null));
            java.net.Socket sink = new java.net.Socket("127.0.0.1", simulator.port());
            Thread drain = new Thread(() -> {
                try (InputStream in = sink.getInputStream()) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                } catch (IOException closed) {
                    // the socket closes when the warm-up is over
                }
            }, "bench-warm-up-drain");
            drain.setDaemon(true);
            drain.start();
            simulator.awaitSubscriptions(1, Duration.ofSeconds(10));
            for (int left = count; left > 0; left -= 10_000) {
                simulator.prepare(Math.min(10_000, left)).send();   // as the passes send
            }
            sink.close();
        }
        System.out.printf("simulator warmed up with %,d outcomes in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
    }

    /** {@code --passes} - 1 more passes of {@link #feedAll} after the cold one: the last is the figure. */
    private Feed feedAgain(CallGemSimulator simulator, LineCounter lines) throws InterruptedException {
        Feed feed = feedAll(simulator, lines);
        for (int pass = 3; pass <= options.passes() && feed.complete(); pass++) {
            System.out.printf("  pass %d of %d: %,.0f/s%n", pass - 1, options.passes(), feed.rate());
            feed = feedAll(simulator, lines);
        }
        return feed;
    }

    /**
     * Sends {@code --count} outcomes as fast as the socket takes them, until all lines are
     * written or 5 minutes passed (or 30 s without progress).
     */
    private Feed feedAll(CallGemSimulator simulator, LineCounter lines) throws InterruptedException {
        long before = lines.count();
        long target = before + options.count();
        // generated and encoded before the clock starts: the service, not this JVM, is timed
        CallGemSimulator.Prepared outcomes = simulator.prepare(options.count());
        System.gc();   // and no collection of this JVM's own garbage while it is
        Thread feeder = new Thread(outcomes::send, "bench-feed");
        long start = System.nanoTime();
        feeder.start();
        long deadline = start + TimeUnit.MINUTES.toNanos(5);
        long last = lines.count();
        long lastProgress = start;
        while (lines.count() < target) {
            LockSupport.parkNanos(5_000_000);
            lines.poll();
            long now = System.nanoTime();
            if (lines.count() != last) {
                last = lines.count();
                lastProgress = now;
            }
            if (now > deadline || now - lastProgress > TimeUnit.SECONDS.toNanos(30)) {
                System.out.printf("  gave up: %,d of %,d lines%n", lines.count() - before, options.count());
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        feeder.interrupt();
        feeder.join(10_000);
        return new Feed(lines.count() - before, seconds, lines.count() >= target);
    }

    /** Sends {@code rate} outcomes a second, one at a time on schedule, for {@code seconds}. */
    private static void pace(CallGemSimulator simulator, int rate, int seconds, Times sent) {
        long start = System.nanoTime();
        long total = (long) rate * seconds;
        for (long i = 0; i < total; i++) {
            long due = start + i * 1_000_000_000L / rate;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long at = System.nanoTime();
            List<Outcome> outcomes = simulator.generate(1);
            if (sent != null) {
                outcomes.forEach(o -> sent.sent(o.sessionId(), at));
            }
        }
    }

    /**
     * {@code --warm-up-burst} outcomes as fast as the socket takes them, then a wait (up to 2 minutes) until each
     * reached its file and the webhook receiver: the JIT compiles the service's paths before the paced run, as in a
     * service that has been running a while.
     */
    private void warmUpBurst(CallGemSimulator simulator, Times filed, Times hooked)
            throws InterruptedException {
        int count = options.warmUpBurst();
        if (count <= 0) {
            return;
        }
        long start = System.nanoTime();
        for (int left = count; left > 0; left -= 10_000) {
            simulator.generate(Math.min(10_000, left));
        }
        long deadline = start + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline && (filed.count() < count || hooked.count() < count)) {
            Thread.sleep(50);
        }
        System.out.printf("warm-up burst: %,d outcomes, %,d filed and %,d webhooks in %.1f s%n", count, filed.count(),
                hooked.count(), (System.nanoTime() - start) / 1e9);
    }

    private static void awaitAll(Times sent, Times filed, Times hooked) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline && !(filed.allOf(sent) && hooked.allOf(sent))) {
            Thread.sleep(50);
        }
    }

    /** p50 / p99 / max in ms, and how many did not arrive. */
    private static String[] percentiles(Times sent, Times arrived) {
        long[] ms = sent.indexes().filter(arrived::has).mapToLong(i -> arrived.at(i) - sent.at(i)).sorted().toArray();
        if (ms.length == 0) {
            return new String[] {"none arrived"};
        }
        String missing = ms.length < sent.count() ? String.format(" (%d missing)", sent.count() - ms.length) : "";
        return new String[] {millis(ms[(int) (ms.length * 0.50)]), millis(ms[(int) Math.min(ms.length - 1, ms.length * 0.99)]),
                millis(ms[ms.length - 1]) + missing};
    }

    /**
     * Each measured outcome's send time (ms from the first) and its times to the file, the
     * webhook and the JMS queue (ms, empty if it did not arrive), in send order: whether the
     * slowest ones came together (a stall) or spread over the run (queueing).
     */
    private static void writeTimeline(Path csv, Times sent, Times filed, Times hooked, Times queued)
            throws IOException {
        long first = sent.indexes().mapToLong(sent::at).min().orElse(0);
        List<String> lines = new ArrayList<>(List.of("sent_ms,file_ms,webhook_ms,jms_ms"));
        sent.indexes().forEach(i -> lines.add(String.join(",", millisOf(sent.at(i) - first), since(i, sent, filed),
                since(i, sent, hooked), since(i, sent, queued))));
        Files.write(csv, lines);
    }

    private static String since(int i, Times sent, Times arrived) {
        return arrived.has(i) ? millisOf(arrived.at(i) - sent.at(i)) : "";
    }

    private static String millisOf(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    private static HttpServer webhookReceiver(Times hooked) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/hook", exchange -> {
            long at = System.nanoTime();
            try (InputStream in = exchange.getRequestBody()) {
                // the body is small: read as one array of its length (readAllBytes copies it through 16 KB buffers)
                long length = Long.parseLong(exchange.getRequestHeaders().getFirst("Content-Length"));
                String document = new String(in.readNBytes((int) length), StandardCharsets.UTF_8);
                Matcher m = SESSION_ID.matcher(document);
                if (m.find()) {
                    hooked.arrived(document, m, at);
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        return server;
    }

    // ---- the child process

    /** The service jar running as a child process. */
    static final class Service {
        private final Process process;
        private final long startNanos;
        private final Path gcLog;
        private final int httpPort;
        private String peakHeap = "?";
        private String peakRss = "?";

        private Service(Process process, long startNanos, Path gcLog, int httpPort) {
            this.process = process;
            this.startNanos = startNanos;
            this.gcLog = gcLog;
            this.httpPort = httpPort;
        }

        static Service start(String name, Path dir, String heap, int callgemPort, int httpPort, List<String> props,
                Options options) throws IOException {
            Path gcLog = dir.resolve(name + "-gc.log");
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + heap, "-Xlog:gc:file=" + gcLog));
            if (!options.gc().isEmpty()) {
                cmd.add("-XX:+Use" + options.gc() + "GC");
            }
            if (options.jfr()) {
                Path jfr = Path.of("target", "bench-" + dir.getFileName() + ".jfr").toAbsolutePath();
                cmd.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=" + System.getProperty("bench.jfc", "profile"));
                System.out.println("  JFR recording: " + jfr);
            }
            cmd.addAll(List.of(
                    "-Dcallgem.simulator.enabled=false",
                    "-Dcallgem.host=127.0.0.1",
                    "-Dcallgem.port=" + callgemPort,
                    "-Dquarkus.http.port=" + httpPort));
            cmd.addAll(props);
            cmd.addAll(List.of("-jar", JAR.toString()));
            long start = System.nanoTime();
            Process process = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve(name + ".log").toFile())
                    .start();
            // a benchmark stopped with Ctrl-C leaves no service behind
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            return new Service(process, start, gcLog, httpPort);
        }

        /** Waits for /q/health/ready = 200; returns the time since the process started. */
        String awaitReady(HttpClient http, Duration timeout) throws InterruptedException {
            return seconds(secondsToReady(http, timeout));
        }

        /** Waits for /q/health/ready = 200; the seconds since the process started, NaN if it never was. */
        double secondsToReady(HttpClient http, Duration timeout) throws InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && process.isAlive()) {
                try {
                    if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return (System.nanoTime() - startNanos) / 1e9;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(20);
            }
            return Double.NaN;
        }

        String peakHeap() {
            return peakHeap;
        }

        String peakRss() {
            return peakRss;
        }

        void stop() throws Exception {
            if (!process.isAlive()) {
                return;
            }
            peakRss = vmHwm(process.pid());
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            peakHeap = peakHeapFromGcLog(gcLog);
        }
    }

    private static String vmHwm(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(l -> l.startsWith("VmHWM:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 + " MB").orElse("?");
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String peakHeapFromGcLog(Path gcLog) {
        try (Stream<String> lines = Files.lines(gcLog)) {
            long peak = -1;
            long afterFullGc = -1;
            long committed = -1;
            for (String line : (Iterable<String>) lines::iterator) {
                Matcher m = GC_PAUSE.matcher(line);
                if (m.find()) {
                    peak = Math.max(peak, Long.parseLong(m.group(1)));
                    committed = Math.max(committed, Long.parseLong(m.group(3)));
                    if (line.contains("Pause Full")) {
                        afterFullGc = Math.max(afterFullGc, Long.parseLong(m.group(2)));
                    }
                }
            }
            // the serial collector lets the heap fill before it collects, so its peak is the heap's
            // size: what is left after a full collection is what the service really held
            return peak < 0 ? "no GC" : peak + " MB (of " + committed + (afterFullGc < 0 ? ")"
                    : "; " + afterFullGc + " MB live after a full GC)");
        } catch (IOException e) {
            return "?";
        }
    }

    // ---- the JMS sink's consumer

    /**
     * Consumes the JMS sink's queue ({@code callgem.outcomes}) through the embedded broker's TCP
     * acceptor, as a downstream system would: a queue nobody reads is not a steady state (it
     * grows until the broker pages it to disk, and every commit then waits for a page sync).
     */
    /**
     * When each outcome of the latency run was sent, or first arrived somewhere: {@link System#nanoTime()}
     * by the simulator's sequence number (the last 10 digits of its session id), 0 for not (yet). Arrays, not
     * maps of ids: the driver then keeps no object per outcome, so its own young collections stay short (with
     * four maps of 170,000 ids they took ~35 ms each, and an outcome arriving meanwhile was timed late).
     */
    static final class Times {
        private static final int SEQUENCE_DIGITS = 10;
        private final java.util.concurrent.atomic.AtomicLongArray at;
        private final java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();

        /** For sequence numbers 1 to {@code outcomes} (and some beyond); later ones are not timed. */
        Times(int outcomes) {
            this.at = new java.util.concurrent.atomic.AtomicLongArray(outcomes + 10_000);
        }

        /** Notes that the outcome with this session id was sent at {@code nanos}. */
        void sent(String sessionId, long nanos) {
            note(Integer.parseInt(sessionId, sessionId.length() - SEQUENCE_DIGITS, sessionId.length(), 10), nanos);
        }

        /** Notes the first arrival of the outcome whose session id {@code m} found in {@code text} (its group 1). */
        void arrived(CharSequence text, Matcher m, long nanos) {
            note(Integer.parseInt(text, m.end(1) - SEQUENCE_DIGITS, m.end(1), 10), nanos);
        }

        private void note(int sequence, long nanos) {
            if (sequence < at.length() && at.compareAndSet(sequence, 0, nanos)) {
                count.incrementAndGet();
            }
        }

        int count() {
            return count.get();
        }

        boolean has(int sequence) {
            return at.get(sequence) != 0;
        }

        long at(int sequence) {
            return at.get(sequence);
        }

        /** The sequence numbers noted, in order. */
        java.util.stream.IntStream indexes() {
            return java.util.stream.IntStream.range(0, at.length()).filter(this::has);
        }

        /** Whether every outcome noted in {@code sent} is noted here too. */
        boolean allOf(Times sent) {
            return sent.indexes().allMatch(this::has);
        }
    }

    static final class JmsDrain implements AutoCloseable {
        private final jakarta.jms.Connection connection;
        private final java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();

        JmsDrain(int port) throws jakarta.jms.JMSException {
            this.connection = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(
                    "tcp://127.0.0.1:" + port + "?retryInterval=200&reconnectAttempts=-1&initialConnectAttempts=300")
                    .createConnection();
        }

        void start() throws jakarta.jms.JMSException {
            start(null);
        }

        /** Counts the JMS sink's messages; with {@code arrived}, also notes when each outcome (session id) came. */
        void start(Times arrived) throws jakarta.jms.JMSException {
            jakarta.jms.Session session = connection.createSession(false, jakarta.jms.Session.DUPS_OK_ACKNOWLEDGE);
            session.createConsumer(session.createQueue("callgem.outcomes")).setMessageListener(message -> {
                long at = System.nanoTime();
                received.incrementAndGet();
                if (arrived != null && message instanceof jakarta.jms.TextMessage text) {
                    try {
                        String document = text.getText();
                        Matcher m = SESSION_ID.matcher(document);
                        if (m.find()) {
                            arrived.arrived(document, m, at);
                        }
                    } catch (jakarta.jms.JMSException e) {
                        // not timed: it shows as missing
                    }
                }
            });
            connection.start();
        }

        long received() {
            return received.get();
        }

        @Override
        public void close() {
            try {
                connection.close();
            } catch (jakarta.jms.JMSException | RuntimeException e) {
                // the service may be gone already
            }
        }
    }

    // ---- counting the lines written

    /** Counts (and optionally hands over) the complete lines appended to the files under a folder. */
    static final class LineCounter {
        private final Path root;
        private final Map<Path, Long> offsets = new HashMap<>();
        private final Map<Path, StringBuilder> partial = new HashMap<>();
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        private static final long SCAN_NANOS = 100_000_000;
        private final Map<Path, FileChannel> open = new HashMap<>();
        private long lastScan;
        private volatile long count;
        private volatile boolean running = true;
        private Consumer<String> onLine;

        LineCounter(Path root) {
            this.root = root;
            this.lastScan = System.nanoTime() - SCAN_NANOS - 1;
        }

        long count() {
            return count;
        }

        void stop() {
            running = false;
        }

        /** Reads lines as they are written until {@link #stop()}, handing each to {@code onLine}. */
        void tail(Consumer<String> onLine) {
            this.onLine = onLine;
            while (running) {
                poll();
                LockSupport.parkNanos(500_000);
            }
            close();
        }

        void poll() {
            long now = System.nanoTime();
            if (now - lastScan > SCAN_NANOS) {
                // new files are looked for now and then; the known ones are read on every poll
                lastScan = now;
                scan();
            }
            long total = count;
            for (Map.Entry<Path, FileChannel> file : open.entrySet()) {
                total += read(file.getKey(), file.getValue());
            }
            count = total;
        }

        private void scan() {
            if (!Files.isDirectory(root)) {
                return;
            }
            try (Stream<Path> walk = Files.walk(root, 2)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    if (!open.containsKey(file)) {
                        open.put(file, FileChannel.open(file, StandardOpenOption.READ));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // a file being created or removed: the next scan sees it
            }
        }

        /** Closes the files this counter holds open. */
        void close() {
            for (FileChannel channel : open.values()) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // read-only
                }
            }
            open.clear();
        }

        private long read(Path file, FileChannel channel) {
            long offset = offsets.getOrDefault(file, 0L);
            long lines = 0;
            try {
                int n;
                while ((n = channel.read(buffer.clear(), offset)) > 0) {
                    byte[] bytes = buffer.array();
                    int lineStart = 0;
                    for (int i = 0; i < n; i++) {
                        if (bytes[i] == '\n') {
                            lines++;
                            if (onLine != null) {
                                StringBuilder head = partial.computeIfAbsent(file, f -> new StringBuilder());
                                head.append(new String(bytes, lineStart, i - lineStart, StandardCharsets.UTF_8));
                                onLine.accept(head.toString());
                                head.setLength(0);
                            }
                            lineStart = i + 1;
                        }
                    }
                    if (onLine != null && lineStart < n) {
                        partial.computeIfAbsent(file, f -> new StringBuilder())
                                .append(new String(bytes, lineStart, n - lineStart, StandardCharsets.UTF_8));
                    }
                    offset += n;
                }
            } catch (IOException e) {
                return 0;
            }
            offsets.put(file, offset);
            return lines;
        }
    }

    // ---- helpers

    private static Options parse(String[] args) {
        int count = 200_000;
        // the first pass times a JIT still compiling (reported as "cold"); the last is the figure
        int passes = 4;
        int rate = 1_000;
        int seconds = 30;
        // on 2 busy cores the JIT compilers still take half a core a minute in, and the sinks'
        // ledgers make their last growth (at 131,072 ids, one full collection) about 110 s in;
        // after 120 s at the rate the run measures the service as it runs for hours
        int warmUp = 120;
        int warmUpBurst = 20_000;
        String heap = "512m";
        String latencyHeap = "128m";
        // docs/performance.md: on 2 cores the serial collector costs the least CPU (G1: ~10% fewer
        // outcomes/s in bulk, ~34% of a core at 1,000/s against ~10%)
        String gc = "Serial";
        boolean jfr = false;
        List<String> runs = List.of("baseline", "durable", "files", "direct", "latency", "startup");
        List<String> extra = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--count" -> count = Integer.parseInt(args[++i]);
                case "--passes" -> passes = Math.max(2, Integer.parseInt(args[++i]));
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--warm-up" -> warmUp = Integer.parseInt(args[++i]);
                case "--warm-up-burst" -> warmUpBurst = Integer.parseInt(args[++i]);
                case "--heap" -> heap = args[++i];
                case "--latency-heap" -> latencyHeap = args[++i];
                case "--gc" -> gc = args[++i].equalsIgnoreCase("default") ? "" : args[i];
                case "--jfr" -> jfr = true;
                case "--runs" -> runs = Arrays.asList(args[++i].split(","));
                case "--quick" -> {
                    count = 50_000;
                    seconds = 10;
                }
                default -> {
                    if (args[i].startsWith("-D") || args[i].startsWith("-XX:")) {
                        extra.add(args[i]);
                    } else {
                        throw new IllegalArgumentException("unknown option " + args[i]
                                + "; options: --count N --passes N --rate N --seconds N --warm-up N --warm-up-burst N"
                                + " --heap SIZE --latency-heap SIZE --gc Serial|G1|Parallel|default --jfr --quick"
                                + " --runs baseline,durable,files,direct,latency,startup -Dprop=value -XX:option (passed to the service's JVM)");
                    }
                }
            }
        }
        return new Options(count, passes, rate, seconds, warmUp, warmUpBurst, heap, latencyHeap, gc, jfr, runs, extra);
    }

    private static void print(List<Row> rows) {
        String[] header = {"run", "outcomes/s", "first run (cold JIT) outcomes/s", "x baseline", "OZ -> file line p50 / p99 / max",
                "OZ -> webhook p50 / p99 / max", "peak heap used", "peak RSS", "start to ready"};
        System.out.println("| " + String.join(" | ", header) + " |");
        System.out.println("|" + "---|".repeat(header.length));
        for (Row r : rows) {
            System.out.println("| " + String.join(" | ", r.run(), r.throughput(), r.cold(), r.ratio(), r.file(), r.webhook(),
                    r.heap(), r.rss(), r.ready()) + " |");
        }
    }

    private String ratio(double rate) {
        return Double.isNaN(baselineRate) ? "" : String.format(Locale.ROOT, "%.2f", rate / baselineRate);
    }

    private static String rate(double rate) {
        return String.format(Locale.ROOT, "%,.0f", rate);
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return "load average " + parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "load average unknown";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        }
    }
}

package io.callgem.service;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.callgem.simulator.CallGemSimulator;

/**
 * The packaged service ({@code target/callgem-outcomes.jar}) run as a child JVM from
 * the repository root, as users run it, so tests can kill it like {@code kill -9} would.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "callgem-outcomes.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int httpPort;
    private final Path log;

    private ServiceProcess(Process process, int httpPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
    }

    /**
     * Starts the service with its data (broker journal, ledger, outcome and dead letter files)
     * under {@code dataDir} and the given properties on top.
     */
    public static ServiceProcess start(Path dataDir, String name, Map<String, String> properties) {
        return start(dataDir, name, properties, List.of());
    }

    /**
     * As {@link #start(Path, String, Map)}, with extra JVM options (e.g. {@code -Xmx160m},
     * {@code -Xlog:gc:file=...}); an {@code -Xmx} among them replaces the default 256 MiB.
     */
    public static ServiceProcess start(Path dataDir, String name, Map<String, String> properties,
            List<String> jvmOptions) {
        int httpPort = ServiceTestResource.freePort();
        Map<String, String> config = new TreeMap<>();
        config.put("quarkus.http.port", Integer.toString(httpPort));
        config.put("outcomes.data.dir", dataDir.toString());
        config.put("outcomes.dir", dataDir.resolve("outcomes").toString());
        config.put("outcomes.dead-letter.dir", dataDir.resolve("dead-letter").toString());
        config.putAll(properties);

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (jvmOptions.stream().noneMatch(o -> o.startsWith("-Xmx"))) {
            command.add("-Xmx256m");
        }
        command.addAll(jvmOptions);
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(JAR.toString());
        Path log = dataDir.resolve(name + ".log");
        try {
            Files.createDirectories(dataDir);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new ServiceProcess(process, httpPort, log);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + JAR + " (run mvn package first)", e);
        }
    }

    /**
     * The settings for a service fed by {@code simulator} instead of its built-in one, with
     * CallGem's persist token {@code persistToken}; a map to add more to.
     */
    public static Map<String, String> fedBy(CallGemSimulator simulator, String persistToken) {
        Map<String, String> config = new TreeMap<>();
        config.put("callgem.simulator.enabled", "false");
        config.put("callgem.host", "127.0.0.1");
        config.put("callgem.port", Integer.toString(simulator.port()));
        config.put("callgem.persist-token", persistToken);
        return config;
    }

    /** How {@code bin/startup-archive.sh} ended: its exit code and what it printed. */
    public record StartupArchiveRun(int exitCode, String output) {

        /** The JVM option that starts the service from the archive, from the command the script prints last. */
        public Optional<String> jvmOption() {
            String[] lines = output.strip().split("\n");
            return Arrays.stream(lines[lines.length - 1].strip().split(" "))
                    .filter(word -> word.startsWith("-XX:")).findFirst();
        }
    }

    /**
     * Runs {@code bin/startup-archive.sh} on the packaged jar, as the README has users run it,
     * with this JVM ({@code JAVA_HOME}) and {@code TRAINING_OUTCOMES=outcomes}; its output goes to
     * {@code dir/training.log} and its training run's folder under {@code dir}.
     *
     * @throws IllegalStateException when it has not ended within {@code timeout}
     */
    public static StartupArchiveRun trainStartupArchive(Path dir, int outcomes, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path log = dir.resolve("training.log");
        ProcessBuilder script = new ProcessBuilder("bin/startup-archive.sh", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        script.environment().put("JAVA_HOME", System.getProperty("java.home"));
        script.environment().put("TRAINING_OUTCOMES", Integer.toString(outcomes));
        script.environment().put("TMPDIR", dir.toString());
        Process training = script.start();
        if (!training.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            training.destroyForcibly();
            throw new IllegalStateException("bin/startup-archive.sh did not end within " + timeout + "; see " + log);
        }
        return new StartupArchiveRun(training.exitValue(), Files.readString(log));
    }

    /** Waits until {@code /q/health/ready} answers 200: connected and subscribed. */
    public ServiceProcess awaitReady(Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service died; see " + log);
            }
            return httpStatus("/q/health/ready") == 200;
        });
        return this;
    }

    public int httpStatus(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The body of a GET of {@code path} (e.g. {@code /q/metrics}); fails unless 200. */
    public String get(String path) {
        HttpResponse<String> response = send(path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": HTTP " + response.statusCode());
        }
        return response.body();
    }

    /** A GET of {@code path}, whatever its status (e.g. {@code /q/health/ready} answers 503 with its checks). */
    public HttpResponse<String> send(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Like {@code kill -9}: no shutdown hooks, no chance to finish anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Like {@code kill} (SIGTERM): the graceful shutdown users get from their process manager. */
    public int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("The service did not stop within " + timeout + "; see " + log);
        }
        return process.exitValue();
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}

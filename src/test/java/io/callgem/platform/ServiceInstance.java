package io.callgem.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One instance of the packaged service ({@code target/callgem-outcomes.jar}) in its own
 * JVM, started from the repository root (it reads {@code routes/} from there) with its own HTTP
 * port and data folders, its output in {@code <dir>/service.log}.
 */
final class ServiceInstance implements AutoCloseable {

    static final Path JAR = Path.of("target/callgem-outcomes.jar");

    final String name;
    final Path dir;
    final int httpPort;
    private final Process process;

    private ServiceInstance(String name, Path dir, int httpPort, Process process) {
        this.name = name;
        this.dir = dir;
        this.httpPort = httpPort;
        this.process = process;
    }

    static ServiceInstance start(String name, Path dir, Map<String, String> properties) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run mvn package first");
        }
        Files.createDirectories(dir);
        int httpPort = freePort();
        Map<String, String> all = new TreeMap<>(properties);
        all.put("quarkus.http.port", Integer.toString(httpPort));
        all.put("outcomes.data.dir", dir.resolve("data").toString());
        all.put("outcomes.dir", dir.resolve("outcomes").toString());
        all.put("outcomes.dead-letter.dir", dir.resolve("dead-letter").toString());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        all.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(JAR.toString());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("service.log").toFile())
                .start();
        return new ServiceInstance(name, dir, httpPort, process);
    }

    Path outcomesDir() {
        return dir.resolve("outcomes");
    }

    String log() {
        try {
            return Files.readString(dir.resolve("service.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook runs, the socket and the file lock are released by the OS. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

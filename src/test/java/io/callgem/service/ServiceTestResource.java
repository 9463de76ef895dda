package io.callgem.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives every test run of the service its own loopback port for the built-in simulator and
 * its own data folders, so tests never touch {@code data/} or a fixed port.
 */
public class ServiceTestResource implements QuarkusTestResourceLifecycleManager {

    /** System property of the test JVM naming the data folder of the application under test. */
    public static final String DATA_DIR_PROPERTY = "callgem.test.data.dir";

    private Path dataDir;

    @Override
    public Map<String, String> start() {
        try {
            dataDir = Files.createTempDirectory("callgem-test-");
            System.setProperty(DATA_DIR_PROPERTY, dataDir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "callgem.host", "127.0.0.1",
                "callgem.port", Integer.toString(freePort()),
                "outcomes.data.dir", dataDir.toString(),
                "outcomes.dir", dataDir.resolve("outcomes").toString(),
                "outcomes.dead-letter.dir", dataDir.resolve("dead-letter").toString(),
                // the tests send exactly the outcomes they assert on
                "callgem.simulator.count", "0",
                "callgem.persist-token", "service-tests");
    }

    /**
     * The data folder goes with the application (a run of the suite left ~400 MB of journal and
     * files behind); {@code -Dcallgem.test.keep-data=true} keeps it for reading after a failure.
     */
    @Override
    public void stop() {
        if (dataDir == null || Boolean.getBoolean("callgem.test.keep-data")) {
            return;
        }
        Path dir = dataDir;
        if (!deleteTree(dir)) {
            // a packaged application (@QuarkusIntegrationTest) may still be writing as it stops
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        }
    }

    /** Deletes the folder and what is in it; whether it is gone. */
    private static boolean deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a file written meanwhile: the folder is still there, and the caller tries again
        }
        return !Files.exists(root);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

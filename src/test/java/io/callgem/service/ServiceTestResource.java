package io.callgem.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

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

    @Override
    public void stop() {
        // the temp folder is left for post-mortem reading; it lives under java.io.tmpdir
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

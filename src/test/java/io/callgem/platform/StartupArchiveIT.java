package io.callgem.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.callgem.service.DeliveredOutcomes;
import io.callgem.service.ServiceProcess;
import io.callgem.service.ServiceTestResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/startup-archive.sh} as the README has users run it, on the packaged service: its
 * training run writes the archive of the java running this test (AppCDS before JDK 25, the AOT
 * cache from 25), and the service started with it, the JVM told to fail rather than start
 * without it, loads its classes, lambdas included, from it and delivers outcomes.
 */
class StartupArchiveIT {

    private static final boolean AOT = Runtime.version().feature() >= 25;

    @Test
    void theServiceStartsFromTheTrainedArchiveAndWorks(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path data)
            throws Exception {
        Path archive = Path.of("target", AOT ? "callgem-outcomes.aot" : "callgem-outcomes.jsa");
        Files.deleteIfExists(archive);
        ServiceProcess.StartupArchiveRun training = ServiceProcess.trainStartupArchive(data, 300, Duration.ofMinutes(3));

        assertThat(training.exitCode()).as(training.output()).isZero();
        assertThat(training.output()).contains("Wrote " + archive + " ", "after 300 outcomes or more");
        List<String> useArchive = AOT
                ? List.of("-XX:AOTCache=" + archive, "-XX:AOTMode=on")
                : List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on");
        assertThat(training.jvmOption()).as("the command it prints").contains(useArchive.get(0));
        assertThat(Files.size(archive)).isGreaterThan(10 << 20);
        try (var left = Files.list(data)) {   // the training run's own folder is gone
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("training.log");
        }

        Path classes = data.resolve("classes.log");
        List<String> jvm = new ArrayList<>(useArchive);
        jvm.add("-Xlog:class+load=info:file=" + classes);
        Path outcomes = data.resolve("service").resolve("outcomes");
        try (ServiceProcess service = ServiceProcess.start(data.resolve("service"), "archived",
                Map.of("callgem.port", Integer.toString(ServiceTestResource.freePort())), jvm)) {
            service.awaitReady(Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(30)).until(() -> !DeliveredOutcomes.read(outcomes).isEmpty());

            // ours, the broker's and Camel's classes come from the archive, not from their jars
            List<String> loaded = Files.readAllLines(classes);
            for (String type : List.of("io.callgem.component.CallGemConsumer", "io.callgem.service.InboxReader",
                    "org.apache.activemq.artemis.core.server.impl.ActiveMQServerImpl",
                    "org.apache.camel.impl.engine.AbstractCamelContext")) {
                assertThat(loaded).filteredOn(line -> line.contains(" " + type + " "))
                        .singleElement().asString().contains("source: shared objects file");
            }
            // and so do the lambdas' classes, which the JVM would otherwise spin one by one: it
            // archives them only for the application class loader (hence the uber-jar; with
            // Quarkus' fast-jar class loader, 9% came from the archive)
            List<String> lambdas = loaded.stream().filter(line -> line.contains("$$Lambda")).toList();
            assertThat(lambdas).hasSizeGreaterThan(500);
            assertThat(lambdas.stream().filter(line -> line.contains("source: shared objects file")).count())
                    .as("lambda classes from the archive, of %d", lambdas.size())
                    .isGreaterThan(lambdas.size() * 3L / 4);
        }
    }
}

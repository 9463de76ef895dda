package io.callgem.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Black-box: only HTTP and the files on disk, so {@link LiveFeedIT} runs the same checks
 * against the packaged application.
 */
@QuarkusTest
@WithTestResource(LiveFeedResource.class)
class LiveFeedTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The outcomes folder the test resource gave the application (also when it runs packaged). */
    private static Path outcomesDir() {
        return Path.of(System.getProperty(ServiceTestResource.DATA_DIR_PROPERTY)).resolve("outcomes");
    }

    @Test
    void becomesReadyOnceSubscribedToTheSimulator() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP")));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void outcomesFlowIntoPerTenantFilesWithinSeconds() throws IOException {
        Path dir = outcomesDir();
        await().atMost(Duration.ofSeconds(60)).until(() -> lineCount(dir) >= 50);

        List<Path> files = jsonLines(dir);
        assertThat(files).allSatisfy(file -> {
            assertThat(file.getParent().getParent()).isEqualTo(dir);
            assertThat(file.getFileName().toString()).matches("\\d{4}-\\d{2}-\\d{2}\\.jsonl");
        });
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                JsonNode json = MAPPER.readTree(line);
                assertThat(json.get("outcomeId").asText()).matches("[0-9a-f]{32}");
                assertThat(file.getParent().getFileName().toString()).isEqualTo(TenantDirectory.of(json.get("tenant").asText()));
                assertThat(file.getFileName().toString()).isEqualTo(json.get("timestamp").asText().substring(0, 10) + ".jsonl");
                assertThat(json.get("problems")).isEmpty();
            }
        }
    }

    @Test
    void metricsCountWhatWasReceivedAndDelivered() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(containsString("callgem_outcomes_received_total"))
                .body(containsString("callgem_outcomes_delivered_total{sink=\"files\""))
                .body(containsString("callgem_outcomes_delivered_total{sink=\"jms\"")));
    }

    private static long lineCount(Path dir) throws IOException {
        long lines = 0;
        for (Path file : jsonLines(dir)) {
            lines += Files.readAllLines(file).size();
        }
        return lines;
    }

    /** Every outcome line file under the folder (one per tenant and day). */
    private static List<Path> jsonLines(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> p.toString().endsWith(".jsonl")).toList();
        }
    }
}

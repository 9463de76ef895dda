package io.callgem.service.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.callgem.service.BuiltInSimulator;
import io.callgem.simulator.CallGemSimulator;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks in the running service: an OZ from the built-in simulator reaches the tenant's CRM
 * (WireMock) signed, through the YAML routes, the embedded broker and the dead letter file.
 * Isolation, Retry-After and restarts are shown on the same routes in {@link WebhookDeliveryTest}.
 */
@QuarkusTest
@WithTestResource(CrmResource.class)
class WebhookServiceTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    BuiltInSimulator builtIn;

    @ConfigProperty(name = "outcomes.dir")
    Path outcomesDir;

    @ConfigProperty(name = "outcomes.dead-letter.dir")
    Path deadLetterDir;

    CallGemSimulator simulator;

    @BeforeEach
    void awaitSubscribed() {
        simulator = builtIn.simulator();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    private void sendOz(String tenant, String session) {
        String tx = simulator.activeSubscriptions().get(0).transactionId();
        simulator.send("OZ\\TX" + tx + "\\CNSales1\\TD" + tenant + "\\SI" + session + "\\GAg\\ANZoë\\RE10\\TS46000.5");
    }

    private static List<LoggedRequest> requests(String tenant) {
        return CrmResource.crm.findAll(postRequestedFor(urlPathEqualTo("/" + tenant)));
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    @Test
    void aCrmFailingOnceGetsTheSignedDocumentOnceMoreWithTheSameId() throws Exception {
        CrmResource.crm.stubFor(post(urlPathEqualTo("/HookFlaky")).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(500)).willSetStateTo("ok"));
        CrmResource.crm.stubFor(post(urlPathEqualTo("/HookFlaky")).inScenario("flaky")
                .whenScenarioStateIs("ok").willReturn(aResponse().withStatus(200)));

        sendOz("HookFlaky", "77001");

        Path file = outcomesDir.resolve("HookFlaky").resolve("2025-12-09.jsonl");
        await().atMost(WAIT).until(() -> lines(file).size() == 1 && requests("HookFlaky").size() == 2);
        String document = lines(file).get(0);
        String outcomeId = MAPPER.readTree(document).get("outcomeId").asText();
        for (LoggedRequest request : requests("HookFlaky")) {
            assertThat(request.getHeader("webhook-id")).isEqualTo(outcomeId);
            assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
            assertThat(request.getBodyAsString()).isEqualTo(document);
            assertThat(new StandardWebhooksVerifier(CrmResource.SECRET).check(request.getHeader("webhook-id"),
                    request.getHeader("webhook-timestamp"), request.getHeader("webhook-signature"),
                    request.getBody(), Instant.now())).isNull();
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(given().get("/q/metrics").asString())
                .contains("callgem_webhook_delivered_total{tenant=\"HookFlaky\"} 1.0")
                .contains("callgem_webhook_retried_total{tenant=\"HookFlaky\"} 1.0")
                .contains("callgem_outcomes_delivered_total{sink=\"webhook\",tenant=\"HookFlaky\"} 1.0")
                .contains("callgem_webhook_latency_seconds_bucket{status=\"5xx\",tenant=\"HookFlaky\"")
                .doesNotContain("t0ps3cr3t", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", CrmResource.crm.baseUrl()));
        Thread.sleep(500);
        assertThat(requests("HookFlaky")).hasSize(2);
    }

    @Test
    void aGoneCrmPutsTheOutcomeInTheDeadLetterWithoutRetry() throws Exception {
        CrmResource.crm.stubFor(post(urlPathEqualTo("/HookGone")).willReturn(aResponse().withStatus(410)));

        sendOz("HookGone", "77002");

        Path deadLetter = deadLetterDir.resolve(LocalDate.now(ZoneOffset.UTC) + ".jsonl");
        await().atMost(WAIT).until(() -> lines(deadLetter).stream().anyMatch(l -> l.contains("HookGone")));
        JsonNode line = MAPPER.readTree(lines(deadLetter).stream().filter(l -> l.contains("HookGone")).findFirst()
                .orElseThrow());
        assertThat(line.get("sink").asText()).isEqualTo("webhook");
        assertThat(line.get("reason").asText()).contains("HookGone", "HTTP 410")
                .doesNotContain("t0ps3cr3t", CrmResource.crm.baseUrl());
        assertThat(line.get("outcome").get("tenant").asText()).isEqualTo("HookGone");
        assertThat(line.toString()).doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        Thread.sleep(1000);   // longer than every backoff of this profile
        assertThat(requests("HookGone")).hasSize(1);
        // the other sinks are not affected by the webhook's failure
        assertThat(lines(outcomesDir.resolve("HookGone").resolve("2025-12-09.jsonl"))).hasSize(1);
    }

    @Test
    void tenantsWithoutAWebhookGetNoRequest() throws Exception {
        sendOz("NoHook", "77003");

        Path file = outcomesDir.resolve("NoHook").resolve("2025-12-09.jsonl");
        await().atMost(WAIT).until(() -> lines(file).size() == 1);
        Thread.sleep(500);
        assertThat(CrmResource.crm.getAllServeEvents())
                .noneMatch(e -> e.getRequest().getBodyAsString().contains("\"NoHook\""));
    }
}

package io.callgem.service.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * The webhook sink end to end on its real routes and a persistent broker, against WireMock as
 * the tenants' CRMs: retries keep the webhook-id, Retry-After is honoured, final statuses go to
 * the dead letter, and nothing pending is lost over a stop and start.
 */
class WebhookDeliveryTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static WireMockServer crm;

    @TempDir
    Path journal;
    private WebhookHarness harness;

    @BeforeAll
    static void startCrm() {
        crm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(20));
        crm.start();
    }

    @AfterAll
    static void stopCrm() {
        crm.stop();
    }

    @BeforeEach
    void resetCrm() {
        crm.resetAll();
    }

    @AfterEach
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private static Map<String, String> config(String... more) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "outcomes.webhook.acme.url", crm.baseUrl() + "/acme",
                "outcomes.webhook.acme.secret", SECRET,
                "outcomes.webhook.default.url", crm.baseUrl() + "/shared",
                "outcomes.webhook.default.secret", SECRET,
                "outcomes.webhook.initial-backoff", "100ms",
                "outcomes.webhook.max-backoff", "5s",
                "outcomes.webhook.max-attempts", "4"));
        for (int i = 0; i < more.length; i += 2) {
            properties.put(more[i], more[i + 1]);
        }
        return properties;
    }

    private static List<LoggedRequest> requests(String path) {
        return crm.findAll(postRequestedFor(urlEqualTo(path)));
    }

    private static void assertSigned(LoggedRequest request) {
        assertThat(new StandardWebhooksVerifier(SECRET).check(request.getHeader("webhook-id"),
                request.getHeader("webhook-timestamp"), request.getHeader("webhook-signature"), request.getBody(),
                Instant.now())).isNull();
    }

    @Test
    void aFailedAttemptIsRetriedWithTheSameIdAndDeliveredOnce() throws Exception {
        crm.stubFor(post("/acme").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("recovered"));
        crm.stubFor(post("/acme").inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200)));
        harness = new WebhookHarness(journal, config()).start();

        harness.deliver("id-500-200", "acme");

        await().atMost(Duration.ofSeconds(10)).until(() -> harness.delivered.size() == 1);
        List<LoggedRequest> requests = requests("/acme");
        assertThat(requests).hasSize(2);
        assertThat(requests).extracting(r -> r.getHeader("webhook-id")).containsOnly("id-500-200");
        assertThat(requests.get(1).getBodyAsString())
                .isEqualTo(WebhookHarness.document("id-500-200", "acme"));
        assertThat(new String(requests.get(1).getBody(), StandardCharsets.UTF_8)).contains("Zoë");
        requests.forEach(WebhookDeliveryTest::assertSigned);
        assertThat(harness.delivered).containsExactly(new WebhookHarness.Delivered("webhook", "acme", "id-500-200"));
        assertThat(harness.deadLetters).isEmpty();
        assertThat(harness.count("callgem.webhook.retried", "acme")).isEqualTo(1);
        assertThat(harness.count("callgem.webhook.delivered", "acme")).isEqualTo(1);
        assertThat(harness.registry.find("callgem.webhook.latency").tag("tenant", "acme").timers())
                .extracting(t -> t.getId().getTag("status")).containsExactlyInAnyOrder("5xx", "2xx");
        // a replay of the same outcome is not queued again
        harness.deliver("id-500-200", "acme");
        Thread.sleep(500);
        assertThat(requests("/acme")).hasSize(2);
    }

    @Test
    void retryAfterIsHonoured() throws Exception {
        crm.stubFor(post("/acme").inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("free"));
        crm.stubFor(post("/acme").inScenario("busy").whenScenarioStateIs("free")
                .willReturn(aResponse().withStatus(202)));
        harness = new WebhookHarness(journal, config()).start();

        harness.deliver("id-429", "acme");

        await().atMost(Duration.ofSeconds(10)).until(() -> harness.delivered.size() == 1);
        List<LoggedRequest> requests = requests("/acme");
        assertThat(requests).hasSize(2);
        long gap = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        System.out.printf("Retry-After: 2 -> second attempt %d ms after the first (backoff alone: 50-100 ms)%n", gap);
        assertThat(gap).isGreaterThanOrEqualTo(2000);
        long first = Long.parseLong(requests.get(0).getHeader("webhook-timestamp"));
        long second = Long.parseLong(requests.get(1).getHeader("webhook-timestamp"));
        assertThat(second).isGreaterThan(first);
        requests.forEach(WebhookDeliveryTest::assertSigned);
    }

    @Test
    void aGoneWebhookIsDeadLetteredWithoutRetry() throws Exception {
        crm.stubFor(post("/acme").willReturn(aResponse().withStatus(410)));
        harness = new WebhookHarness(journal, config()).start();

        harness.deliver("id-410", "acme");

        await().atMost(Duration.ofSeconds(10)).until(() -> harness.deadLetters.size() == 1);
        Thread.sleep(500);
        assertThat(requests("/acme")).hasSize(1);
        WebhookHarness.DeadLetter dead = harness.deadLetters.get(0);
        assertThat(dead.sink()).isEqualTo("webhook");
        assertThat(dead.reason()).contains("acme", "HTTP 410", "not retried").doesNotContain(crm.baseUrl(), SECRET);
        assertThat(dead.body()).isEqualTo(WebhookHarness.document("id-410", "acme"));
        assertThat(dead.headers()).containsEntry("outcomeId", "id-410");
        assertThat(harness.delivered).isEmpty();
        assertThat(harness.count("callgem.webhook.dead.lettered", "acme")).isEqualTo(1);
        assertThat(harness.count("callgem.webhook.retried", "acme")).isZero();
    }

    @Test
    void anOutcomeWhoseDeadLetterCannotBeWrittenStaysQueuedAndComesAgain() throws Exception {
        crm.stubFor(post("/acme").willReturn(aResponse().withStatus(410)));
        harness = new WebhookHarness(journal, config()).start();
        harness.deadLetterFailures.set(1);

        harness.deliver("id-410-full-disk", "acme");

        await().atMost(Duration.ofSeconds(10)).until(() -> harness.deadLetters.size() == 1);
        assertThat(harness.deadLetterFailures).hasValue(0);
        // not acknowledged the first time: delivered again, attempted again (at least once), then dead-lettered
        assertThat(requests("/acme")).hasSize(2).extracting(r -> r.getHeader("webhook-id"))
                .containsOnly("id-410-full-disk");
        assertThat(harness.deadLetters.get(0).headers()).containsEntry("outcomeId", "id-410-full-disk");
        Thread.sleep(1_500);
        assertThat(harness.deadLetters).hasSize(1);
        assertThat(harness.delivered).isEmpty();
    }

    @Test
    void theLastFailedAttemptGoesToTheDeadLetterWithItsStatus() throws Exception {
        crm.stubFor(post("/shared").willReturn(aResponse().withStatus(503)));
        harness = new WebhookHarness(journal, config()).start();

        harness.deliver("id-503", "globex");   // no webhook of its own: the default one

        await().atMost(Duration.ofSeconds(15)).until(() -> harness.deadLetters.size() == 1);
        assertThat(requests("/shared")).hasSize(4).extracting(r -> r.getHeader("webhook-id")).containsOnly("id-503");
        assertThat(harness.deadLetters.get(0).reason())
                .isEqualTo("webhook 'default': gave up after 4 attempts, last: HTTP 503");
        assertThat(harness.count("callgem.webhook.retried", "globex")).isEqualTo(3);
        assertThat(harness.count("callgem.webhook.dead.lettered", "globex")).isEqualTo(1);
    }

    @Test
    void tenantsWithoutAnyWebhookGetNone() throws Exception {
        Map<String, String> onlyAcme = config();
        onlyAcme.remove("outcomes.webhook.default.url");
        onlyAcme.remove("outcomes.webhook.default.secret");
        crm.stubFor(post("/acme").willReturn(aResponse().withStatus(200)));
        harness = new WebhookHarness(journal, onlyAcme).start();

        harness.deliver("id-globex", "globex");
        harness.deliver("id-acme", "acme");

        await().atMost(Duration.ofSeconds(10)).until(() -> harness.delivered.size() == 1);
        Thread.sleep(300);
        assertThat(crm.getAllServeEvents()).hasSize(1);
        assertThat(harness.delivered).extracting(WebhookHarness.Delivered::outcomeId).containsExactly("id-acme");
        assertThat(harness.deadLetters).isEmpty();
    }

    @Test
    void pendingRetriesSurviveAGracefulStopAndResumeOnTheNextStart() throws Exception {
        crm.stubFor(post("/acme").willReturn(aResponse().withStatus(503)));
        Map<String, String> slowRetry = config("outcomes.webhook.initial-backoff", "3s");
        harness = new WebhookHarness(journal, slowRetry).start();
        harness.deliver("id-restart", "acme");
        await().atMost(Duration.ofSeconds(10)).until(() -> requests("/acme").size() == 1);
        Thread.sleep(200);   // the retry is scheduled in the broker, 1.5-3 s ahead

        harness.stop();
        crm.resetAll();
        crm.stubFor(post("/acme").willReturn(aResponse().withStatus(200)));
        harness = new WebhookHarness(journal, slowRetry).start();

        await().atMost(Duration.ofSeconds(15)).until(() -> harness.delivered.size() == 1);
        assertThat(requests("/acme")).hasSize(1).extracting(r -> r.getHeader("webhook-id"))
                .containsExactly("id-restart");
        assertThat(harness.deadLetters).isEmpty();
    }

    @Test
    void aStallingCrmDelaysNoOtherTenant() throws Exception {
        crm.stubFor(post("/slow").willReturn(aResponse().withStatus(200).withFixedDelay(10_000)));
        crm.stubFor(post("/fast").willReturn(aResponse().withStatus(200)));
        harness = new WebhookHarness(journal, config(
                "outcomes.webhook.slow.url", crm.baseUrl() + "/slow",
                "outcomes.webhook.slow.secret", SECRET,
                "outcomes.webhook.fast.url", crm.baseUrl() + "/fast",
                "outcomes.webhook.fast.secret", SECRET,
                "outcomes.webhook.request-timeout", "15s")).start();
        long start = System.currentTimeMillis();
        harness.deliver("slow-1", "slow");
        await().atMost(Duration.ofSeconds(5)).until(() -> requests("/slow").size() == 1);   // stalling now

        Map<String, Long> queuedAt = new HashMap<>();
        long slowestEnqueue = 0;
        for (int i = 1; i <= 5; i++) {
            long before = System.currentTimeMillis();
            harness.deliver("fast-" + i, "fast");
            long after = System.currentTimeMillis();
            queuedAt.put("fast-" + i, before);
            slowestEnqueue = Math.max(slowestEnqueue, after - before);
            Thread.sleep(100);
        }
        await().atMost(Duration.ofSeconds(9)).until(() -> requests("/fast").size() == 5);
        long slowestFast = requests("/fast").stream()
                .mapToLong(r -> r.getLoggedDate().getTime() - queuedAt.get(r.getHeader("webhook-id")))
                .max().orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(() -> harness.delivered.size() == 6);
        long slowDelivered = System.currentTimeMillis() - start;
        System.out.printf("Isolation: while tenant 'slow' stalled 10 s per request, tenant 'fast' outcomes reached "
                + "its CRM at most %d ms after being queued; queueing took at most %d ms; 'slow' delivered after %d ms%n",
                slowestFast, slowestEnqueue, slowDelivered);
        assertThat(slowestFast).isLessThan(5_000);
        assertThat(slowestEnqueue).isLessThan(2_000);
        assertThat(slowDelivered).isGreaterThanOrEqualTo(10_000);
        assertThat(harness.delivered).extracting(WebhookHarness.Delivered::outcomeId).endsWith("slow-1");
        assertThat(harness.deadLetters).isEmpty();
    }

    @Test
    void theDefaultWebhookServesTenantsInParallelEachOneAtATimeInOrder() throws Exception {
        harness = new WebhookHarness(journal, config("outcomes.webhook.concurrency", "3")).start();
        tenantsAreServedInParallelEachOneAtATimeInOrder();
    }

    @Test
    void aBacklogFoundAtStartIsServedInParallelTooEachTenantInOrder() throws Exception {
        // a restart with outcomes waiting: the reader that connects first must not take them all
        harness = new WebhookHarness(journal, config("outcomes.webhook.concurrency", "3")).startWithoutReaders();
        tenantsAreServedInParallelEachOneAtATimeInOrder();
    }

    /** Delivers 4 outcomes to each of 3 tenants (starting the readers then, if not yet) and checks how they arrived. */
    private void tenantsAreServedInParallelEachOneAtATimeInOrder() throws Exception {
        int answerMillis = 300;
        crm.stubFor(post("/shared").willReturn(aResponse().withStatus(200).withFixedDelay(answerMillis)));
        List<String> tenants = List.of("t1", "t2", "t3");
        Map<String, List<String>> sent = new HashMap<>();
        for (int i = 1; i <= 4; i++) {
            for (String tenant : tenants) {
                String id = tenant + "-" + i;
                harness.deliver(id, tenant);
                sent.computeIfAbsent(tenant, t -> new java.util.ArrayList<>()).add(id);
            }
        }
        harness.startReaders();

        await().atMost(Duration.ofSeconds(20)).until(() -> harness.delivered.size() == 12);
        List<LoggedRequest> arrived = requests("/shared").stream()
                .sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
        assertThat(arrived).hasSize(12);
        for (String tenant : tenants) {
            List<LoggedRequest> own = arrived.stream().filter(r -> r.getHeader("webhook-id").startsWith(tenant + "-"))
                    .toList();
            // in order, and each sent only once the one before it was answered
            assertThat(own).extracting(r -> r.getHeader("webhook-id")).containsExactlyElementsOf(sent.get(tenant));
            for (int i = 1; i < own.size(); i++) {
                assertThat(own.get(i).getLoggedDate().getTime() - own.get(i - 1).getLoggedDate().getTime())
                        .isGreaterThanOrEqualTo(answerMillis);
            }
        }
        // while one tenant's request waited for its answer, another tenant's was sent
        long overlapping = 0;
        for (int i = 1; i < arrived.size(); i++) {
            if (arrived.get(i).getLoggedDate().getTime() - arrived.get(i - 1).getLoggedDate().getTime() < answerMillis) {
                overlapping++;
            }
        }
        assertThat(overlapping).as("requests sent while another was in flight").isGreaterThan(0);
        assertThat(harness.deadLetters).isEmpty();
    }
}

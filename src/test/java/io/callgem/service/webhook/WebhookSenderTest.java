package io.callgem.service.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

class WebhookSenderTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String DOCUMENT = "{\"outcomeId\":\"3f2a\",\"tenant\":\"acme\",\"agent\":\"Zoë\"}";

    private static final byte[] UTF8 = DOCUMENT.getBytes(StandardCharsets.UTF_8);

    private static WireMockServer crm;
    private WebhookSender sender;

    @BeforeAll
    static void startCrm() {
        crm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        crm.start();
    }

    @AfterAll
    static void stopCrm() {
        crm.stop();
    }

    @BeforeEach
    void reset() {
        crm.resetAll();
        // generous: a loaded build machine must not turn a quick answer into a timeout
        sender = new WebhookSender(Duration.ofSeconds(5), Duration.ofSeconds(5), 2, Clock.systemUTC());
    }

    @AfterEach
    void closeSender() {
        sender.close();
    }

    private static Webhook webhook(String path) {
        return Webhook.of("acme", URI.create(crm.baseUrl() + path), WebhookSigner.of(SECRET));
    }

    @Test
    void postsTheDocumentSignedPerStandardWebhooks() {
        crm.stubFor(post("/hook").willReturn(aResponse().withStatus(204)));
        Instant before = Instant.now();

        Attempt attempt = sender.post(webhook("/hook"), "3f2a", UTF8);

        assertThat(attempt.status()).as(attempt.describe()).isEqualTo(204);
        assertThat(attempt.delivered()).isTrue();
        List<LoggedRequest> requests = crm.findAll(postRequestedFor(urlEqualTo("/hook")));
        assertThat(requests).hasSize(1);
        LoggedRequest request = requests.get(0);
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(request.getHeader("webhook-id")).isEqualTo("3f2a");
        long timestamp = Long.parseLong(request.getHeader("webhook-timestamp"));
        assertThat(timestamp).isBetween(before.getEpochSecond(), Instant.now().getEpochSecond());
        assertThat(request.getBody()).isEqualTo(DOCUMENT.getBytes(StandardCharsets.UTF_8));
        assertThat(new StandardWebhooksVerifier(SECRET).check(request.getHeader("webhook-id"),
                request.getHeader("webhook-timestamp"), request.getHeader("webhook-signature"),
                request.getBody(), Instant.now())).isNull();
    }

    @Test
    void reportsStatusAndRetryAfter() {
        crm.stubFor(post("/busy").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "7")));
        crm.stubFor(post("/gone").willReturn(aResponse().withStatus(410).withBody("no such hook")));

        Attempt busy = sender.post(webhook("/busy"), "3f2a", UTF8);
        Attempt gone = sender.post(webhook("/gone"), "3f2a", UTF8);

        assertThat(busy.status()).as(busy.describe()).isEqualTo(503);
        assertThat(busy.retryable()).isTrue();
        assertThat(busy.retryAfter()).isEqualTo("7");
        assertThat(busy.describe()).isEqualTo("HTTP 503");
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.retryable()).isFalse();
    }

    @Test
    void aSlowAnswerIsARetryableTimeout() {
        crm.stubFor(post("/slow").willReturn(aResponse().withStatus(200).withFixedDelay(2000)));
        Attempt attempt;
        try (WebhookSender impatient = new WebhookSender(Duration.ofSeconds(5), Duration.ofMillis(300), 2,
                Clock.systemUTC())) {
            attempt = impatient.post(webhook("/slow"), "3f2a", UTF8);
        }

        assertThat(attempt.status()).isZero();
        assertThat(attempt.retryable()).isTrue();
        assertThat(attempt.describe()).contains("request timeout");
    }

    @Test
    void aRefusedConnectionIsRetryableAndDescribedWithoutTheUrl() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Webhook webhook = Webhook.of("acme", URI.create("http://127.0.0.1:" + closed + "/hook?token=abc"),
                WebhookSigner.of(SECRET));

        Attempt attempt = sender.post(webhook, "3f2a", UTF8);

        assertThat(attempt.status()).isZero();
        assertThat(attempt.retryable()).isTrue();
        assertThat(attempt.describe()).contains("ConnectException").doesNotContain("token", "/hook");
    }
}

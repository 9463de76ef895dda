package io.callgem.service.webhook;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * Makes one signed POST of an outcome document to a webhook with the JDK's HTTP client (TLS
 * with the JVM's trust store) and reports what came of it; never throws for the network's
 * failures, so the caller decides between delivered, retry and dead letter.
 */
public final class WebhookSender {

    private final HttpClient client;
    private final Duration requestTimeout;
    private final Clock clock;

    public WebhookSender(HttpClient client, Duration requestTimeout, Clock clock) {
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
    }

    /** One client for all webhooks: HTTP/1.1 (no h2c upgrade surprises for CRMs), no redirects. */
    public static HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * @param id the {@code webhook-id}: the outcome's id, the same on every attempt
     * @param document the outcome document, sent byte for byte as signed
     */
    public Attempt post(Webhook webhook, String id, String document) {
        byte[] body = document.getBytes(StandardCharsets.UTF_8);
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(webhook.url())
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", webhook.signer().sign(id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        long start = System.nanoTime();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            return Attempt.answered(response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null), since(start));
        } catch (HttpConnectTimeoutException e) {
            return Attempt.failed("connect timeout", since(start));
        } catch (HttpTimeoutException e) {
            return Attempt.failed("request timeout after " + requestTimeout.toMillis() + " ms", since(start));
        } catch (IOException e) {
            return Attempt.failed(describe(e), since(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.failed("interrupted (service stopping)", since(start));
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** The exception's kind and the first message in its chain: "ConnectException: Connection refused". */
    private static String describe(Throwable e) {
        String message = null;
        for (Throwable t = e; t != null && message == null; t = t.getCause() == t ? null : t.getCause()) {
            message = t.getMessage() == null || t.getMessage().isBlank() ? null : t.getMessage();
        }
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}

package io.callgem.service.webhook;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Makes one signed POST of an outcome document to a webhook and reports what came of it; never
 * throws for the network's failures, so the caller decides between delivered, retry and dead
 * letter. Apache HttpClient's classic (blocking) client: the request is written and its answer
 * read on the calling thread, over a pooled keep-alive connection (the JDK client hands every
 * request to its selector thread and back, which cost about twice the time per webhook on a
 * busy 2-core machine, docs/performance.md). HTTP/1.1, no redirects, no automatic retries (the
 * webhook's own backoff decides), TLS with the JVM's trust store ({@code javax.net.ssl.*}).
 */
public final class WebhookSender implements Closeable {

    private static final ContentType JSON = ContentType.create("application/json");

    private final CloseableHttpClient client;
    private final Duration requestTimeout;
    private final Clock clock;

    /**
     * @param connectTimeout the longest wait for a connection, TLS handshake included
     * @param requestTimeout the longest wait for the answer, once the request is sent
     * @param maxConnections the most parallel attempts (to one host, and in all)
     */
    public WebhookSender(Duration connectTimeout, Duration requestTimeout, int maxConnections, Clock clock) {
        this.requestTimeout = requestTimeout;
        this.clock = clock;
        Timeout connect = Timeout.of(connectTimeout);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setTlsSocketStrategy(DefaultClientTlsStrategy.createSystemDefault())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect)
                                .setSocketTimeout(Timeout.of(requestTimeout))
                                // a connection the CRM may have closed while idle is checked first
                                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                                .build())
                        .setMaxConnPerRoute(maxConnections)
                        .setMaxConnTotal(maxConnections)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(connect)
                        .setResponseTimeout(Timeout.of(requestTimeout))
                        .setRedirectsEnabled(false)
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent("callgem-outcomes")
                .build();
    }

    /**
     * @param id the {@code webhook-id}: the outcome's id, the same on every attempt
     * @param document the outcome document, sent byte for byte as signed
     */
    public Attempt post(Webhook webhook, String id, byte[] document) {
        long timestamp = clock.instant().getEpochSecond();
        HttpPost request = new HttpPost(webhook.url());
        request.setHeader("webhook-id", id);
        request.setHeader("webhook-timestamp", Long.toString(timestamp));
        request.setHeader("webhook-signature", webhook.signer().sign(id, timestamp, document));
        request.setEntity(new ByteArrayEntity(document, JSON));
        long start = System.nanoTime();
        try {
            return client.execute(request, response -> {
                Header retryAfter = response.getFirstHeader("Retry-After");
                return Attempt.answered(response.getCode(), retryAfter == null ? null : retryAfter.getValue(),
                        since(start));
            });
        } catch (ConnectTimeoutException e) {
            return Attempt.failed("connect timeout", since(start));
        } catch (SocketTimeoutException e) {
            return Attempt.failed("request timeout after " + requestTimeout.toMillis() + " ms", since(start));
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                return Attempt.failed("interrupted (service stopping)", since(start));
            }
            return Attempt.failed(describe(e), since(start));
        }
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * The exception's kind and the first message in its chain: "ConnectException: Connection
     * refused". HttpClient's own connect failure names the host, so its cause is described.
     */
    private static String describe(Throwable e) {
        Throwable failure = e instanceof HttpHostConnectException && e.getCause() != null ? e.getCause() : e;
        String message = null;
        for (Throwable t = failure; t != null && message == null; t = t.getCause() == t ? null : t.getCause()) {
            message = t.getMessage() == null || t.getMessage().isBlank() ? null : t.getMessage();
        }
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}

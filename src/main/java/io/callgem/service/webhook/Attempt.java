package io.callgem.service.webhook;

import java.time.Duration;

/**
 * What one POST to a webhook came to: an HTTP status (and its {@code Retry-After}), or an
 * error before any status (connection refused, timeout, TLS failure).
 *
 * @param status the HTTP status, or 0 when there was none
 * @param error why there was no status, or null
 */
public record Attempt(int status, String error, String retryAfter, Duration latency) {

    public static Attempt answered(int status, String retryAfter, Duration latency) {
        return new Attempt(status, null, retryAfter, latency);
    }

    public static Attempt failed(String error, Duration latency) {
        return new Attempt(0, error, null, latency);
    }

    /** Any 2xx. */
    public boolean delivered() {
        return status >= 200 && status < 300;
    }

    /** 408, 429, 5xx and every failure without a status; other statuses are final. */
    public boolean retryable() {
        return status == 0 || status == 408 || status == 429 || status >= 500;
    }

    /** The status class for metrics: 2xx, 4xx, 5xx ... or "error". */
    public String statusClass() {
        return status == 0 ? "error" : (status / 100) + "xx";
    }

    /** For logs and the dead letter: never the URL or the secret. */
    public String describe() {
        return status == 0 ? error : "HTTP " + status;
    }
}

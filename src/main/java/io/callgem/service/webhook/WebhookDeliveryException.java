package io.callgem.service.webhook;

/**
 * A webhook delivery given up: a status that is not retried (e.g. 410) or the last attempt
 * failed. The message is what the dead letter's {@code reason} says: the tenant's webhook, the
 * attempts made and the last status or error; never the URL or the secret.
 */
public class WebhookDeliveryException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Attempt lastAttempt;
    private final int attempts;

    public WebhookDeliveryException(String webhook, int attempts, Attempt lastAttempt, boolean retryable) {
        super("webhook '" + webhook + "': "
                + (retryable ? "gave up after " + attempts + (attempts == 1 ? " attempt" : " attempts")
                        : "not retried (attempt " + attempts + ")")
                + ", last: " + lastAttempt.describe());
        this.lastAttempt = lastAttempt;
        this.attempts = attempts;
    }

    public Attempt lastAttempt() {
        return lastAttempt;
    }

    public int attempts() {
        return attempts;
    }
}

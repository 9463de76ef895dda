package io.callgem.service.webhook;

import java.time.Clock;
import java.time.Duration;

import org.jboss.logging.Logger;

/**
 * One signed POST of an outcome document to its webhook, and what comes next: on 2xx the outcome
 * is {@link Delivered}; on a retryable failure with attempts left it is {@link Retry tried again}
 * after the backoff; otherwise it is {@link GiveUp given up}, with the
 * {@link WebhookDeliveryException} whose message is the dead letter's reason. Counts each in
 * {@link WebhookMetrics}.
 */
public class WebhookAttempt {

    /** Message property: the outcome's id, sent as {@code webhook-id}. */
    public static final String OUTCOME_ID = "outcomeId";
    /** Message property: the outcome's tenant (TD or "default"). */
    public static final String TENANT = "tenant";
    /** Message property: attempts made so far (absent before the first). */
    public static final String ATTEMPTS = "webhookAttempts";

    /** What comes after an attempt. */
    public sealed interface Result permits Delivered, Retry, GiveUp {
    }

    /** Answered 2xx. */
    public record Delivered() implements Result {
    }

    /** Failed retryably with attempts left: the next one is due after {@code delay}. */
    public record Retry(int attemptsMade, Duration delay) implements Result {
    }

    /** Not retried, or the last attempt failed. */
    public record GiveUp(WebhookDeliveryException reason) implements Result {
    }

    private static final Logger LOG = Logger.getLogger(WebhookAttempt.class);

    private final WebhookSettings settings;
    private final WebhookSender sender;
    private final Backoff backoff;
    private final WebhookMetrics metrics;
    private final Clock clock;

    public WebhookAttempt(WebhookSettings settings, WebhookSender sender, Backoff backoff, WebhookMetrics metrics,
            Clock clock) {
        this.settings = settings;
        this.sender = sender;
        this.backoff = backoff;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * @param attemptsMade the attempts before this one
     * @param document the outcome document in UTF-8, sent and signed byte for byte
     */
    public Result attempt(Webhook webhook, String id, String tenant, int attemptsMade, byte[] document) {
        int attempt = attemptsMade + 1;
        Attempt result = sender.post(webhook, id, document);
        metrics.attempted(tenant, result);
        if (result.delivered()) {
            metrics.delivered(tenant);
            LOG.debugf("Webhook '%s': outcome %s delivered on attempt %d (%s)", webhook.key(), id, attempt,
                    result.describe());
            return new Delivered();
        }
        if (result.retryable() && attempt < settings.maxAttempts()) {
            Duration delay = backoff.delay(attempt, result.retryAfter(), clock.instant());
            metrics.retried(tenant);
            LOG.infof("Webhook '%s': outcome %s attempt %d of %d failed (%s), next in %d ms", webhook.key(), id,
                    attempt, settings.maxAttempts(), result.describe(), delay.toMillis());
            return new Retry(attempt, delay);
        }
        metrics.deadLettered(tenant);
        WebhookDeliveryException failure = new WebhookDeliveryException(webhook.key(), attempt, result,
                result.retryable());
        LOG.warnf("Outcome %s to the dead letter: %s", id, failure.getMessage());
        return new GiveUp(failure);
    }
}

package io.callgem.service.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.callgem.service.OutcomeBatch;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * Route step of a webhook queue's consumer: one signed POST of the outcome document. On 2xx
 * the outcome is delivered. On a retryable failure with attempts left it sets
 * {@value #RETRY} and the headers that put the message back in its queue for later: the attempts
 * made ({@value #ATTEMPTS}) and Artemis' scheduled delivery time ({@value #SCHEDULED_DELIVERY}).
 * Otherwise it throws {@link WebhookDeliveryException}, whose message is the dead letter's reason.
 */
@RegisterForReflection
public class WebhookAttempt implements Processor {

    /** Header: the outcome's id, sent as {@code webhook-id}. */
    public static final String OUTCOME_ID = "outcomeId";
    /** Header: the outcome's tenant (TD or "default"). */
    public static final String TENANT = "tenant";
    /** Header: attempts made so far (absent before the first). */
    public static final String ATTEMPTS = "webhookAttempts";
    /** Header: Artemis' scheduled delivery time, epoch millis. */
    public static final String SCHEDULED_DELIVERY = "_AMQ_SCHED_DELIVERY";
    /** Exchange property: the webhook's key (tenant or "default"), set by the consumer route. */
    public static final String WEBHOOK = "webhook";
    /** Exchange property: true when the message goes back to its queue for another attempt. */
    public static final String RETRY = "webhookRetry";

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

    @Override
    public void process(Exchange exchange) throws WebhookDeliveryException, InvalidPayloadException {
        Message in = exchange.getMessage();
        String key = exchange.getProperty(WEBHOOK, String.class);
        Webhook webhook = settings.webhooks().get(key);
        if (webhook == null) {
            throw new IllegalStateException("no webhook '" + key + "' is configured");
        }
        String id = in.getHeader(OUTCOME_ID, String.class);
        String tenant = in.getHeader(TENANT, Webhook.DEFAULT, String.class);
        int attempt = in.getHeader(ATTEMPTS, 0, Integer.class) + 1;

        byte[] document = in.getBody() instanceof byte[] utf8 ? utf8
                : OutcomeBatch.text(in).getBytes(StandardCharsets.UTF_8);
        Attempt result = sender.post(webhook, id, document);
        metrics.attempted(tenant, result);
        exchange.setProperty(RETRY, false);
        if (result.delivered()) {
            metrics.delivered(tenant);
            LOG.debugf("Webhook '%s': outcome %s delivered on attempt %d (%s)", key, id, attempt, result.describe());
            return;
        }
        if (result.retryable() && attempt < settings.maxAttempts()) {
            Instant now = clock.instant();
            Duration delay = backoff.delay(attempt, result.retryAfter(), now);
            in.setHeader(ATTEMPTS, attempt);
            in.setHeader(SCHEDULED_DELIVERY, now.plus(delay).toEpochMilli());
            exchange.setProperty(RETRY, true);
            metrics.retried(tenant);
            LOG.infof("Webhook '%s': outcome %s attempt %d of %d failed (%s), next in %d ms", key, id, attempt,
                    settings.maxAttempts(), result.describe(), delay.toMillis());
            return;
        }
        metrics.deadLettered(tenant);
        WebhookDeliveryException failure = new WebhookDeliveryException(key, attempt, result, result.retryable());
        LOG.warnf("Outcome %s to the dead letter: %s", id, failure.getMessage());
        throw failure;
    }
}

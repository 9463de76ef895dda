package io.callgem.service.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.callgem.service.JmsBatch;
import io.callgem.service.OutcomeBatch;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Route step of {@code direct:deliver-webhooks}: each outcome of an {@link OutcomeBatch} whose
 * tenant has a webhook (its own, else the default one) is queued in that webhook's durable
 * queue once (the {@code webhooksQueued} ledger), all of the batch in one transaction (see
 * {@link JmsBatch}). The message carries {@code outcomeId}, {@code tenant} and
 * {@code tenantDir} for the webhook's consumer.
 */
@RegisterForReflection
public class WebhookEnqueue implements Processor {

    private final WebhookSettings settings;
    private final JmsBatch jms;

    public WebhookEnqueue(WebhookSettings settings, JmsBatch jms) {
        this.settings = settings;
        this.jms = jms;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        if (settings.webhooks().isEmpty()) {
            return;
        }
        List<JmsBatch.Message> messages = new ArrayList<>();
        for (OutcomeBatch.Line line : OutcomeBatch.lines(exchange)) {
            settings.forTenant(line.tenant()).ifPresent(webhook -> messages.add(new JmsBatch.Message(line.outcomeId(),
                    webhook.queue(), line.document(), Map.of(WebhookAttempt.OUTCOME_ID, line.outcomeId(),
                            WebhookAttempt.TENANT, line.tenant(), "tenantDir", line.tenantDir()))));
        }
        jms.sendOnce(messages);
    }
}

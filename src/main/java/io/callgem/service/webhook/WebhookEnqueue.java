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
 * queue, all in one transaction. The message carries {@code outcomeId}, {@code tenant} and
 * {@code tenantDir} for the webhook's consumer, and the outcome id as the broker's duplicate id,
 * so an outcome already queued (CallGem replays, a batch delivered again after a crash) is
 * dropped by the broker instead of being posted twice.
 */
@RegisterForReflection
public class WebhookEnqueue implements Processor {

    /** Artemis' duplicate detection property. */
    static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

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
        for (OutcomeBatch.Line line : OutcomeBatch.lines(exchange.getMessage())) {
            settings.forTenant(line.tenant()).ifPresent(webhook -> messages.add(new JmsBatch.Message(webhook.queue(),
                    line.document(), Map.of(WebhookAttempt.OUTCOME_ID, line.outcomeId(), WebhookAttempt.TENANT,
                            line.tenant(), "tenantDir", line.tenantDir(), DUPLICATE_ID, line.outcomeId()))));
        }
        jms.send(messages);
    }
}

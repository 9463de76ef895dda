package io.callgem.service.webhook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.callgem.service.BrokerSink;
import io.callgem.service.JmsBatch;
import io.callgem.service.OutcomeBatch;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Route step of {@code direct:deliver-webhooks}: each outcome of an {@link OutcomeBatch} whose
 * tenant has a webhook (its own, else the default one) is queued in that webhook's durable
 * queue once (the {@code webhooksQueued} ledger), all of the batch in one transaction (see
 * {@link JmsBatch}). The message carries {@code outcomeId} and {@code tenant} for the
 * webhook's {@link WebhookReader} and, in order ({@link WebhookSettings#ordered()}),
 * the tenant as its message group.
 */
@RegisterForReflection
public class WebhookEnqueue implements Processor, BrokerSink {

    /** The JMS message group property: a tenant's messages go to one consumer at a time, in order. */
    static final String GROUP = "JMSXGroupID";

    private final WebhookSettings settings;
    private final JmsBatch jms;

    public WebhookEnqueue(WebhookSettings settings, JmsBatch jms) {
        this.settings = settings;
        this.jms = jms;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        jms.sendOnce(messages(exchange));
    }

    @Override
    public JmsBatch jms() {
        return jms;
    }

    @Override
    public List<JmsBatch.Message> messages(Exchange exchange) throws Exception {
        List<JmsBatch.Message> messages = new ArrayList<>();
        if (!settings.webhooks().isEmpty()) {
            for (OutcomeBatch.Line line : OutcomeBatch.lines(exchange)) {
                settings.forTenant(line.tenant()).ifPresent(webhook -> messages.add(new JmsBatch.Message(
                        line.outcomeId(), webhook.queue(), line.document(), properties(line))));
            }
        }
        return messages;
    }

    @Override
    public void sent(List<JmsBatch.Message> sent) {
        // counted as delivered when the webhook's CRM accepts it (WebhookReader)
    }

    private Map<String, String> properties(OutcomeBatch.Line line) {
        Map<String, String> properties = new HashMap<>(3);
        properties.put(WebhookAttempt.OUTCOME_ID, line.outcomeId());
        properties.put(WebhookAttempt.TENANT, line.tenant());
        if (settings.ordered()) {
            // a message group per tenant: the broker gives all of a tenant's messages to one
            // consumer, in order, while the webhook's other consumers serve other tenants
            properties.put(GROUP, line.tenant());
        }
        return properties;
    }
}

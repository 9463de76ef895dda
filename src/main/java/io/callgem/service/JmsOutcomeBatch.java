package io.callgem.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * Route step of the JMS sink for a whole {@link OutcomeBatch}: each outcome the
 * {@code jmsDelivered} ledger has not seen becomes a persistent text message (the document,
 * string property {@code tenant}) on {@code outcomes.jms.queue}, all of them in one transaction
 * (see {@link JmsBatch}), or with the webhook queues' ({@link BrokerSinks}). A failure sends none
 * of them, so the route's retries and dead letter see the batch whole. Sends nothing when
 * {@code outcomes.jms.enabled} is false.
 */
@ApplicationScoped
@Named("jmsOutcomeBatch")
@RegisterForReflection
public class JmsOutcomeBatch implements Processor, BrokerSink {

    @ConfigProperty(name = "outcomes.jms.queue", defaultValue = "callgem.outcomes")
    String queue;

    @ConfigProperty(name = "outcomes.jms.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @Named("cachingConnectionFactory")
    CachingConnectionFactory connections;

    @Inject
    @Named("jmsDelivered")
    DeliveredIds delivered;

    @Inject
    OutcomeMetrics metrics;

    @Inject
    SinkHealth health;

    private volatile JmsBatch jms;

    @Override
    public void process(Exchange exchange) throws Exception {
        sent(jms().sendOnce(messages(exchange)));
    }

    @Override
    public JmsBatch jms() {
        JmsBatch batch = jms;
        if (batch == null) {
            batch = new JmsBatch(connections, delivered);
            jms = batch;
        }
        return batch;
    }

    @Override
    public List<JmsBatch.Message> messages(Exchange exchange) throws Exception {
        if (!enabled) {
            return List.of();
        }
        List<JmsBatch.Message> messages = new ArrayList<>();
        for (OutcomeBatch.Line line : OutcomeBatch.lines(exchange)) {
            messages.add(new JmsBatch.Message(line.outcomeId(), queue, line.document(),
                    Map.of(OutcomeToDocument.TENANT, line.tenant())));
        }
        return messages;
    }

    @Override
    public void sent(List<JmsBatch.Message> sent) {
        for (JmsBatch.Message message : sent) {
            metrics.delivered("jms", message.properties().get(OutcomeToDocument.TENANT));
        }
        health.delivered("jms");
    }
}

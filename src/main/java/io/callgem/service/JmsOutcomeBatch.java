package io.callgem.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.service.ServiceHelper;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * Route step of the JMS sink for a whole {@link OutcomeBatch}: each outcome the
 * {@code jmsDelivered} ledger has not seen becomes a persistent text message (the document,
 * string property {@code tenant}) on {@code outcomes.jms.queue}, all of them in one
 * transaction, and only then remembered. A failure rolls the whole batch back, so the route's
 * retries and dead letter see it whole.
 */
@ApplicationScoped
@Named("jmsOutcomeBatch")
@RegisterForReflection
public class JmsOutcomeBatch implements Processor {

    @ConfigProperty(name = "outcomes.jms.queue", defaultValue = "callgem.outcomes")
    String queue;

    @Inject
    @Named("jmsDelivered")
    DeliveredIds delivered;

    @Inject
    @Named("cachingConnectionFactory")
    CachingConnectionFactory connections;

    @Inject
    OutcomeMetrics metrics;

    @Inject
    SinkHealth health;

    private volatile JmsBatch jms;

    @Override
    public void process(Exchange exchange) throws Exception {
        ServiceHelper.startService(delivered); // a no-op once started
        List<OutcomeBatch.Line> fresh = new ArrayList<>();
        Set<String> inThisBatch = new HashSet<>();
        for (OutcomeBatch.Line line : OutcomeBatch.lines(exchange.getMessage())) {
            if (inThisBatch.add(line.outcomeId()) && !delivered.contains(line.outcomeId())) {
                fresh.add(line);
            }
        }
        jms().send(fresh.stream()
                .map(line -> new JmsBatch.Message(queue, line.document(), Map.of(OutcomeToDocument.TENANT, line.tenant())))
                .toList());
        delivered.addAll(fresh.stream().map(OutcomeBatch.Line::outcomeId).toList());
        fresh.forEach(line -> metrics.delivered("jms", line.tenant()));
        health.delivered("jms");
    }

    private JmsBatch jms() {
        JmsBatch batch = jms;
        if (batch == null) {
            batch = new JmsBatch(connections);
            jms = batch;
        }
        return batch;
    }
}

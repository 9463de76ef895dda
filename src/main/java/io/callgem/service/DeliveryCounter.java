package io.callgem.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Route step after a sink succeeded: counts the delivery per sink and tenant, marks the sink healthy. */
@ApplicationScoped
@Named("countDelivered")
@RegisterForReflection
public class DeliveryCounter implements Processor {

    @Inject
    OutcomeMetrics metrics;

    @Inject
    SinkHealth health;

    @Override
    public void process(Exchange exchange) {
        delivered(exchange.getProperty(DeadLetterRecord.SINK, String.class),
                exchange.getMessage().getHeader(OutcomeToDocument.TENANT, String.class));
    }

    public void delivered(String sink, String tenant) {
        metrics.delivered(sink, tenant);
        health.delivered(sink);
    }
}

package io.callgem.service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.callgem.protocol.Outcome;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Route step "outcome to document": replaces the consumer's outcome, or batch of outcomes
 * ({@code List<Outcome>}), with their contract JSON documents as an {@link OutcomeBatch}: one
 * document per line, in arrival order, UTF-8 bytes. Marks the message with {@link #BATCH} (the number of
 * documents) and, for a batch of one, {@link #OUTCOME_ID}.
 */
@ApplicationScoped
@Named("outcomeToDocument")
@RegisterForReflection
public class OutcomeToDocument implements Processor {

    /** Header: the number of documents when the body is an {@link OutcomeBatch}. */
    public static final String BATCH = "outcomeBatch";
    /** Header: the outcome's stable id, the key of every idempotent consumer. */
    public static final String OUTCOME_ID = "outcomeId";
    /** Header: the tenant (TD, or "default"); also the JMS string property. */
    public static final String TENANT = "tenant";
    /** Header: the tenant made safe as one folder name. */
    public static final String TENANT_DIR = "tenantDir";
    /** Header: the UTC date (yyyy-MM-dd) of the outcome's timestamp: the file of the day. */
    public static final String OUTCOME_DATE = "outcomeDate";

    @Inject
    OutcomeMetrics metrics;

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        List<?> outcomes = in.getBody() instanceof List<?> batch ? batch : List.of(in.getMandatoryBody(Outcome.class));
        OutcomeDocument.Lines batch = new OutcomeDocument.Lines(outcomes.size() * 1024);
        String outcomeId = null;
        // counted per tenant once per batch: a registry lookup per outcome showed in the profile
        Map<String, int[]> received = new HashMap<>(8);
        for (Object item : outcomes) {
            Outcome outcome = (Outcome) item;
            outcomeId = OutcomeId.of(outcome);
            batch.add(outcome, outcomeId);
            int[] count = received.computeIfAbsent(OutcomeDocument.tenantOf(outcome), t -> new int[2]);
            count[outcome.problems().isEmpty() ? 0 : 1]++;
        }
        received.forEach((tenant, count) -> {
            if (count[0] > 0) {
                metrics.received(tenant, true, count[0]);
            }
            if (count[1] > 0) {
                metrics.received(tenant, false, count[1]);
            }
        });
        in.setBody(batch.toByteArray());
        in.setHeader(BATCH, outcomes.size());
        if (outcomes.size() == 1) {
            in.setHeader(OUTCOME_ID, outcomeId);
        }
    }

    /** Route step "document headers": for one document of a batch, the headers the sinks route it by. */
    @ApplicationScoped
    @Named("documentHeaders")
    @RegisterForReflection
    public static class DocumentHeaders implements Processor {

        @Override
        public void process(Exchange exchange) throws Exception {
            Message in = exchange.getMessage();
            OutcomeBatch.Line line = OutcomeBatch.line(in.getMandatoryBody(String.class));
            in.removeHeader(BATCH);
            in.setHeader(OUTCOME_ID, line.outcomeId());
            in.setHeader(TENANT, line.tenant());
            in.setHeader(TENANT_DIR, line.tenantDir());
            in.setHeader(OUTCOME_DATE, line.date());
        }
    }
}

package io.callgem.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.callgem.protocol.Outcome;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Route step "outcome to document": replaces the typed {@link Outcome} body with the
 * contract's JSON document and sets the headers the delivery routes use.
 */
@ApplicationScoped
@Named("outcomeToDocument")
@RegisterForReflection
public class OutcomeToDocument implements Processor {

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
        Outcome outcome = in.getMandatoryBody(Outcome.class);
        String outcomeId = OutcomeId.of(outcome);
        String tenant = OutcomeDocument.tenantOf(outcome);
        Instant day = outcome.timestamp() != null ? outcome.timestamp() : Instant.now();
        in.setHeader(OUTCOME_ID, outcomeId);
        in.setHeader(TENANT, tenant);
        in.setHeader(TENANT_DIR, TenantDirectory.of(tenant));
        in.setHeader(OUTCOME_DATE, LocalDate.ofInstant(day, ZoneOffset.UTC).toString());
        in.setBody(new String(OutcomeDocument.toJson(outcome, outcomeId), StandardCharsets.UTF_8));
        metrics.received(tenant, outcome.problems().isEmpty());
    }
}

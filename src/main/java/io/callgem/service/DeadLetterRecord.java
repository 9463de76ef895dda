package io.callgem.service;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.callgem.protocol.Outcome;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Route step of the dead letter channel: turns a failed exchange into the contract's dead
 * letter line ({@code reason}, {@code sink}, {@code outcome}, {@code raw}) and sets the
 * header naming the day's file. Works for every failure: a frame that could not be parsed
 * (body = raw text), an outcome rejected in strict mode (body = the typed outcome) and a sink
 * that failed (body = the outcome document).
 */
@ApplicationScoped
@Named("deadLetterRecord")
@RegisterForReflection
public class DeadLetterRecord implements Processor {

    /** Exchange property: the sink an exchange was being delivered to (files, jms, webhook, parse). */
    public static final String SINK = "sink";
    /** Header: the UTC date of the failure, naming the dead letter file. */
    public static final String FAILURE_DATE = "deadLetterDate";
    /** The contract's bound on the raw text kept for an unparsable message. */
    public static final int MAX_RAW_CHARS = 64 * 1024;
    /** The component's header with the raw frame text. */
    static final String RAW_HEADER = "CamelCallGemRaw";

    private static final JsonFactory JSON = new JsonFactory();

    @Inject
    OutcomeMetrics metrics;

    @Inject
    SinkHealth health;

    @Override
    public void process(Exchange exchange) throws IOException, InvalidPayloadException {
        Message in = exchange.getMessage();
        String sink = exchange.getProperty(SINK, "parse", String.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        List<String> outcomes = outcomeDocuments(in);
        String raw = outcomes.isEmpty() || "parse".equals(sink) ? rawText(in) : null;
        String reason = reason(cause);
        String failedAt = OutcomeDocument.isoInstant(java.time.Instant.now());

        // one record per outcome (a batch that could not be handed off is several)
        StringWriter lines = new StringWriter(512);
        for (String outcome : outcomes.isEmpty() ? Collections.<String> singletonList(null) : outcomes) {
            // what is not a JSON object (a damaged line of a batch) is kept as raw text: every
            // dead letter line stays one valid JSON object
            boolean document = outcome != null && isJsonObject(outcome);
            try (JsonGenerator json = JSON.createGenerator(lines)) {
                json.writeStartObject();
                json.writeStringField("reason", reason);
                json.writeStringField("sink", sink);
                json.writeFieldName("outcome");
                if (document) {
                    json.writeRawValue(outcome);
                } else {
                    json.writeNull();
                }
                json.writeStringField("raw", document || outcome == null ? raw : truncated(outcome));
                json.writeStringField("failedAt", failedAt);
                json.writeEndObject();
            }
            lines.append('\n');
            metrics.deadLettered(sink);
        }
        in.setHeader(FAILURE_DATE, LocalDate.now(ZoneOffset.UTC).toString());
        in.setBody(lines.toString());
        if ("parse".equals(sink)) {
            metrics.rejected(cause == null ? "unknown" : cause.getClass().getSimpleName());
        }
        if ("files".equals(sink) || "jms".equals(sink)) { // a tenant's CRM being down is not ours
            health.failed(sink, reason(cause));
        }
    }

    private static List<String> outcomeDocuments(Message in) throws InvalidPayloadException {
        Object body = in.getBody();
        if (body instanceof Outcome outcome) {
            return List.of(document(outcome));
        }
        if (body instanceof List<?> batch && !batch.isEmpty() && batch.get(0) instanceof Outcome) {
            return batch.stream().map(o -> document((Outcome) o)).toList();
        }
        // a batch, or one document (a webhook's, as text or UTF-8 bytes)
        boolean documents = in.getHeader(OutcomeToDocument.BATCH) != null
                || in.getHeader(OutcomeToDocument.OUTCOME_ID) != null;
        if (documents && (body instanceof String || body instanceof byte[])) {
            return OutcomeBatch.documents(OutcomeBatch.text(in));
        }
        return List.of();
    }

    private static String document(Outcome outcome) {
        return new String(OutcomeDocument.toJson(outcome, OutcomeId.of(outcome)), StandardCharsets.UTF_8);
    }

    private static String rawText(Message in) {
        String raw = in.getHeader(RAW_HEADER, String.class);
        if (raw == null && in.getBody() instanceof String text) {
            raw = text;
        }
        return raw == null ? null : truncated(raw);
    }

    private static String truncated(String raw) {
        return raw.length() <= MAX_RAW_CHARS ? raw : raw.substring(0, MAX_RAW_CHARS);
    }

    /** Whether {@code text} is exactly one well-formed JSON object. */
    static boolean isJsonObject(String text) {
        try (JsonParser json = JSON.createParser(text)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            json.skipChildren();
            return json.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private static String reason(Throwable cause) {
        if (cause == null) {
            return "unknown failure";
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}

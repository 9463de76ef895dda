package io.callgem.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * A batch of outcome documents as it travels from the CallGem socket through the durable
 * hand-off to the sinks: the documents as JSON lines, one per line, in arrival order (the
 * format of the tenant files themselves), as UTF-8 bytes (a JMS bytes message in the inbox). A document never contains a line feed (JSON escapes
 * it), so the lines are the documents. What each sink needs to know of a document (its id,
 * tenant and day) is read back from the document's first fields, not carried beside it.
 */
public final class OutcomeBatch {

    /** Exchange property: the batch's {@link Line}s, read once for all the sinks. */
    public static final String LINES = "outcomeBatchLines";

    private static final JsonFactory JSON = new JsonFactory();

    /** One document of a batch and what the sinks route it by. */
    public record Line(String outcomeId, String tenant, String date, String document) {

        /** The tenant made safe as one folder name. */
        public String tenantDir() {
            return TenantDirectory.of(tenant);
        }
    }

    private OutcomeBatch() {
    }

    /** The batch in the message's body: the UTF-8 bytes the receive route made, or their text. */
    public static String text(Message message) throws InvalidPayloadException {
        return message.getBody() instanceof byte[] utf8
                ? new String(utf8, StandardCharsets.UTF_8)
                : message.getMandatoryBody(String.class);
    }

    /**
     * Each document of the batch in the exchange's body with its id, tenant and day, in order:
     * read once per delivery by the {@link Reader} step and shared by the sinks through the
     * {@link #LINES} property (read here when that step did not run).
     */
    @SuppressWarnings("unchecked")
    public static List<Line> lines(Exchange exchange) throws InvalidPayloadException {
        List<Line> lines = exchange.getProperty(LINES, List.class);
        return lines != null ? lines : lines(text(exchange.getMessage()));
    }

    /** Route step "read outcome batch": the batch's lines into {@link #LINES}, for every sink. */
    @ApplicationScoped
    @Named("readOutcomeBatch")
    @RegisterForReflection
    public static class Reader implements Processor {

        @Override
        public void process(Exchange exchange) throws Exception {
            exchange.setProperty(LINES, List.copyOf(lines(text(exchange.getMessage()))));
        }
    }

    /** The documents of {@code batch}, in order. */
    public static List<String> documents(String batch) {
        List<String> documents = new ArrayList<>();
        int start = 0;
        int length = batch.length();
        while (start < length) {
            int end = batch.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            if (end > start) {
                documents.add(batch.substring(start, end));
            }
            start = end + 1;
        }
        return documents;
    }

    /** Each document of {@code batch} with its id, tenant and day, in order. */
    public static List<Line> lines(String batch) {
        List<String> documents = documents(batch);
        List<Line> lines = new ArrayList<>(documents.size());
        for (String document : documents) {
            lines.add(line(document));
        }
        return lines;
    }

    private static final String ID_FIELD = "{\"outcomeId\":\"";
    private static final String TENANT_FIELD = "\",\"tenant\":\"";
    private static final String TIMESTAMP_FIELD = ",\"timestamp\":";

    /**
     * Reads the document's {@code outcomeId}, {@code tenant} and {@code timestamp} (its day, UTC;
     * today without one). A document as {@link OutcomeDocument} writes it is read by position:
     * id and tenant come first, and the first {@code ,"timestamp":} is the field's (the fields
     * before it are plain values, and inside a JSON string a quote is always escaped); anything
     * else (an escaped tenant, another layout) is read with the JSON parser.
     */
    public static Line line(String document) {
        if (document.startsWith(ID_FIELD)) {
            int idEnd = document.indexOf('"', ID_FIELD.length());
            int tenantStart = idEnd + TENANT_FIELD.length();
            if (idEnd > 0 && document.startsWith(TENANT_FIELD, idEnd)) {
                int tenantEnd = document.indexOf('"', tenantStart);
                int timestamp = tenantEnd < 0 ? -1 : document.indexOf(TIMESTAMP_FIELD, tenantEnd);
                if (timestamp > 0 && document.lastIndexOf('\\', tenantEnd) < ID_FIELD.length()) {
                    int value = timestamp + TIMESTAMP_FIELD.length();
                    String outcomeId = document.substring(ID_FIELD.length(), idEnd);
                    String tenant = document.substring(tenantStart, tenantEnd);
                    if (document.startsWith("null", value)) {
                        return line(outcomeId, tenant, null, document);
                    }
                    int valueEnd = document.indexOf('"', value + 1);
                    if (document.charAt(value) == '"' && valueEnd > 0) {
                        return line(outcomeId, tenant, document.substring(value + 1, valueEnd), document);
                    }
                }
            }
        }
        return parsedLine(document);
    }

    /** {@link #line} by the JSON parser, whatever the layout. */
    static Line parsedLine(String document) {
        String outcomeId = null;
        String tenant = null;
        String timestamp = null;
        try (JsonParser json = JSON.createParser(document)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("Not an outcome document: " + abbreviate(document));
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken value = json.nextToken();
                switch (name) {
                    case "outcomeId" -> outcomeId = json.getValueAsString();
                    case "tenant" -> tenant = json.getValueAsString();
                    case "timestamp" -> {
                        timestamp = json.getValueAsString();
                        return line(outcomeId, tenant, timestamp, document);
                    }
                    default -> {
                        if (value.isStructStart()) {
                            json.skipChildren();
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Not an outcome document: " + abbreviate(document), e);
        }
        return line(outcomeId, tenant, timestamp, document);
    }

    private static Line line(String outcomeId, String tenant, String timestamp, String document) {
        if (outcomeId == null || tenant == null) {
            throw new IllegalArgumentException("Outcome document without outcomeId or tenant: " + abbreviate(document));
        }
        return new Line(outcomeId, tenant, dayOf(timestamp), document);
    }

    /** The UTC day of an ISO instant as the documents write it ("2026-11-26T19:30:00Z"), or today. */
    static String dayOf(String timestamp) {
        if (timestamp == null) {
            return LocalDate.now(ZoneOffset.UTC).toString();
        }
        if (timestamp.length() > 10 && timestamp.charAt(4) == '-' && timestamp.charAt(10) == 'T'
            && timestamp.endsWith("Z")) {
            return timestamp.substring(0, 10);
        }
        return LocalDate.ofInstant(Instant.parse(timestamp), ZoneOffset.UTC).toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}

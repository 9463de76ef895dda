package io.callgem.service;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

import io.callgem.protocol.LineOfBusinessData;
import io.callgem.protocol.Outcome;

/**
 * Writes an {@link Outcome} as the contract's outcome document (service-contract.md, "The
 * outcome document"): every key always present, in the documented order, written straight to
 * bytes with Jackson's streaming API (no reflection, so it is native-ready and cheap).
 */
public final class OutcomeDocument {

    /** The tenant of outcomes without TD. */
    public static final String DEFAULT_TENANT = "default";

    private static final JsonFactory JSON = new JsonFactory();
    private static final SerializedString LINE_FEED = new SerializedString("\n");

    private OutcomeDocument() {
    }

    public static String tenantOf(Outcome outcome) {
        String tenant = outcome.tenant();
        return tenant == null || tenant.isEmpty() ? DEFAULT_TENANT : tenant;
    }

    /** The document as UTF-8 JSON, on one line. */
    public static byte[] toJson(Outcome o, String outcomeId) {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(1024);
                JsonGenerator json = JSON.createGenerator(bytes)) {
            write(o, outcomeId, json);
            json.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the outcome document", e);
        }
    }

    /**
     * Documents one per line, written straight into {@code out} as UTF-8: a batch in one buffer,
     * with no copy per document.
     */
    public static JsonGenerator lines(OutputStream out) throws IOException {
        JsonGenerator json = JSON.createGenerator(out);
        json.setRootValueSeparator(LINE_FEED);
        return json;
    }

    /** Writes the document as the next root value of {@code json}. */
    public static void write(Outcome o, String outcomeId, JsonGenerator json) throws IOException {
        char[] instant = new char[IsoInstant.MAX_LENGTH];
        json.writeStartObject();
        json.writeStringField("outcomeId", outcomeId);
        json.writeStringField("tenant", tenantOf(o));
        json.writeStringField("campaign", o.campaign());
        json.writeStringField("transactionId", o.transactionId());
        json.writeStringField("sessionId", o.sessionId());
        json.writeStringField("groupAddress", o.groupAddress());
        json.writeStringField("agent", o.agent());
        json.writeStringField("agentAlternative", o.agentAlternative());
        writeInteger(json, "agentOutcome", o.agentOutcome());
        writeInteger(json, "reason", o.reason());
        json.writeStringField("reasonText", o.reasonText());
        json.writeBooleanField("liveCall", o.liveCall());
        json.writeStringField("dialedNumber", o.dialedNumber());
        json.writeStringField("telephoneNumber", o.telephoneNumber());
        json.writeStringField("listId", o.listId());
        json.writeStringField("queue", o.queue());
        json.writeBooleanField("inbound", o.inbound());
        json.writeBooleanField("dontDial", o.dontDial());
        json.writeBooleanField("retryAdvised", o.retryAdvised());
        writeInstant(json, "timestamp", o.timestamp(), instant);
        writeInstant(json, "callLaunchedAt", o.callLaunchedAt(), instant);
        writeInstant(json, "callAlertingAt", o.callAlertingAt(), instant);
        writeInstant(json, "callResultAt", o.callResultAt(), instant);
        writeInstant(json, "trunkDisconnectedAt", o.trunkDisconnectedAt(), instant);
        writeMap(json, "recordingTags", o.recordingTags());
        LineOfBusinessData data = o.data();
        writeMap(json, "data", data == null ? null : data.fields());
        json.writeStringField("rawData", data == null ? null : data.raw());
        writeMap(json, "extra", o.extra());
        json.writeArrayFieldStart("problems");
        if (o.problems() != null) {
            for (String problem : o.problems()) {
                json.writeString(problem);
            }
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /** ISO-8601 UTC at millisecond precision, e.g. {@code 2026-11-26T19:30:00Z}. */
    public static String isoInstant(Instant instant) {
        return IsoInstant.toString(toMillis(instant));
    }

    private static Instant toMillis(Instant instant) {
        return instant.getNano() % 1_000_000 == 0 ? instant : instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private static void writeInteger(JsonGenerator json, String name, Integer value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeNumberField(name, value.intValue());
        }
    }

    private static void writeInstant(JsonGenerator json, String name, Instant value, char[] text) throws IOException {
        json.writeFieldName(name);
        if (value == null) {
            json.writeNull();
        } else {
            json.writeString(text, 0, IsoInstant.write(toMillis(value), text));
        }
    }

    private static void writeMap(JsonGenerator json, String name, Map<String, String> values) throws IOException {
        json.writeObjectFieldStart(name);
        if (values != null) {
            for (Map.Entry<String, String> entry : values.entrySet()) {
                json.writeStringField(entry.getKey(), entry.getValue());
            }
        }
        json.writeEndObject();
    }
}

package io.callgem.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
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

    /** Writes the document as the next root value of {@code json}. */
    private static void write(Outcome o, String outcomeId, JsonGenerator json) throws IOException {
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

    /**
     * A batch of documents, one per line, written straight into UTF-8 bytes without a JSON
     * generator: the same bytes as {@link #toJson} gives for each document
     * (property-tested), at a fraction of the cost (the receive thread's largest cost in
     * the benchmark's profile: Jackson scans every field name and value char by char). Field names are
     * constants, values are copied with the escapes Jackson writes ({@code \"}, {@code \\}, the
     * short and <code>&#92;u00XX</code> forms of control characters), other text as UTF-8. A document with a
     * surrogate in any text (Jackson writes those as <code>&#92;uXXXX</code> escapes) is written by
     * Jackson itself, in its place. Not thread-safe.
     */
    public static final class Lines {

        private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
        /** For chars below 0x80: 0 = copied as is, 1 = a short escape (its letter in SHORT), 2 = backslash-u-00XX. */
        private static final byte[] ESCAPE = new byte[128];
        private static final byte[] SHORT = new byte[128];

        static {
            for (int c = 0; c < 0x20; c++) {
                ESCAPE[c] = 2;
            }
            shortEscape(0x08, 'b');
            shortEscape(0x09, 't');
            shortEscape(0x0A, 'n');
            shortEscape(0x0C, 'f');
            shortEscape(0x0D, 'r');
            shortEscape('"', '"');
            shortEscape('\\', '\\');
        }

        private static void shortEscape(int c, char letter) {
            ESCAPE[c] = 1;
            SHORT[c] = (byte) letter;
        }

        private static final byte[] OUTCOME_ID = ascii("{\"outcomeId\":");
        private static final byte[] TENANT = ascii(",\"tenant\":");
        private static final byte[] CAMPAIGN = ascii(",\"campaign\":");
        private static final byte[] TRANSACTION_ID = ascii(",\"transactionId\":");
        private static final byte[] SESSION_ID = ascii(",\"sessionId\":");
        private static final byte[] GROUP_ADDRESS = ascii(",\"groupAddress\":");
        private static final byte[] AGENT = ascii(",\"agent\":");
        private static final byte[] AGENT_ALTERNATIVE = ascii(",\"agentAlternative\":");
        private static final byte[] AGENT_OUTCOME = ascii(",\"agentOutcome\":");
        private static final byte[] REASON = ascii(",\"reason\":");
        private static final byte[] REASON_TEXT = ascii(",\"reasonText\":");
        private static final byte[] LIVE_CALL = ascii(",\"liveCall\":");
        private static final byte[] DIALED_NUMBER = ascii(",\"dialedNumber\":");
        private static final byte[] TELEPHONE_NUMBER = ascii(",\"telephoneNumber\":");
        private static final byte[] LIST_ID = ascii(",\"listId\":");
        private static final byte[] QUEUE = ascii(",\"queue\":");
        private static final byte[] INBOUND = ascii(",\"inbound\":");
        private static final byte[] DONT_DIAL = ascii(",\"dontDial\":");
        private static final byte[] RETRY_ADVISED = ascii(",\"retryAdvised\":");
        private static final byte[] TIMESTAMP = ascii(",\"timestamp\":");
        private static final byte[] CALL_LAUNCHED_AT = ascii(",\"callLaunchedAt\":");
        private static final byte[] CALL_ALERTING_AT = ascii(",\"callAlertingAt\":");
        private static final byte[] CALL_RESULT_AT = ascii(",\"callResultAt\":");
        private static final byte[] TRUNK_DISCONNECTED_AT = ascii(",\"trunkDisconnectedAt\":");
        private static final byte[] RECORDING_TAGS = ascii(",\"recordingTags\":{");
        private static final byte[] DATA = ascii("},\"data\":{");
        private static final byte[] RAW_DATA = ascii("},\"rawData\":");
        private static final byte[] EXTRA = ascii(",\"extra\":{");
        private static final byte[] PROBLEMS = ascii("},\"problems\":[");
        private static final byte[] END = ascii("]}");
        private static final byte[] NULL = ascii("null");
        private static final byte[] TRUE = ascii("true");
        private static final byte[] FALSE = ascii("false");

        private byte[] buf;
        private int size;
        private int documents;
        private final char[] instant = new char[IsoInstant.MAX_LENGTH];
        private char[] scratch = new char[256];
        /** A surrogate was met: the document is written by Jackson instead. */
        private boolean surrogate;

        public Lines(int capacity) {
            buf = new byte[Math.max(capacity, 1024)];
        }

        /** Appends the document of {@code o} as the next line. */
        public void add(Outcome o, String outcomeId) {
            int start = size;
            if (documents > 0) {
                put((byte) '\n');
            }
            int documentStart = size;
            surrogate = false;
            writeDocument(o, outcomeId);
            if (surrogate) {
                size = documentStart;
                byte[] json = toJson(o, outcomeId);
                ensure(json.length);
                System.arraycopy(json, 0, buf, size, json.length);
                size += json.length;
            }
            documents++;
            assert size > start;
        }

        /** The documents written so far. */
        public int documents() {
            return documents;
        }

        /** The lines, UTF-8, without a line feed after the last. */
        public byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }

        private void writeDocument(Outcome o, String outcomeId) {
            field(OUTCOME_ID, outcomeId);
            field(TENANT, tenantOf(o));
            field(CAMPAIGN, o.campaign());
            field(TRANSACTION_ID, o.transactionId());
            field(SESSION_ID, o.sessionId());
            field(GROUP_ADDRESS, o.groupAddress());
            field(AGENT, o.agent());
            field(AGENT_ALTERNATIVE, o.agentAlternative());
            field(AGENT_OUTCOME, o.agentOutcome());
            field(REASON, o.reason());
            field(REASON_TEXT, o.reasonText());
            field(LIVE_CALL, o.liveCall());
            field(DIALED_NUMBER, o.dialedNumber());
            field(TELEPHONE_NUMBER, o.telephoneNumber());
            field(LIST_ID, o.listId());
            field(QUEUE, o.queue());
            field(INBOUND, o.inbound());
            field(DONT_DIAL, o.dontDial());
            field(RETRY_ADVISED, o.retryAdvised());
            field(TIMESTAMP, o.timestamp());
            field(CALL_LAUNCHED_AT, o.callLaunchedAt());
            field(CALL_ALERTING_AT, o.callAlertingAt());
            field(CALL_RESULT_AT, o.callResultAt());
            field(TRUNK_DISCONNECTED_AT, o.trunkDisconnectedAt());
            put(RECORDING_TAGS);
            map(o.recordingTags());
            put(DATA);
            LineOfBusinessData data = o.data();
            map(data == null ? null : data.fields());
            put(RAW_DATA);
            string(data == null ? null : data.raw());
            put(EXTRA);
            map(o.extra());
            put(PROBLEMS);
            List<String> problems = o.problems();
            if (problems != null) {
                for (int i = 0, n = problems.size(); i < n; i++) {
                    if (i > 0) {
                        put((byte) ',');
                    }
                    string(problems.get(i));
                }
            }
            put(END);
        }

        private void field(byte[] name, String value) {
            put(name);
            string(value);
        }

        private void field(byte[] name, Integer value) {
            put(name);
            if (value == null) {
                put(NULL);
            } else {
                String digits = Integer.toString(value);
                ensure(digits.length());
                for (int i = 0; i < digits.length(); i++) {
                    buf[size++] = (byte) digits.charAt(i);
                }
            }
        }

        private void field(byte[] name, boolean value) {
            put(name);
            put(value ? TRUE : FALSE);
        }

        private void field(byte[] name, Instant value) {
            put(name);
            if (value == null) {
                put(NULL);
            } else {
                int n = IsoInstant.write(toMillis(value), instant);
                ensure(n + 2);
                buf[size++] = '"';
                for (int i = 0; i < n; i++) {
                    buf[size++] = (byte) instant[i];   // digits, '-', ':', '.', 'T', 'Z', '+'
                }
                buf[size++] = '"';
            }
        }

        private void map(Map<String, String> values) {
            if (values == null || values.isEmpty()) {
                return;
            }
            boolean first = true;
            for (Map.Entry<String, String> entry : values.entrySet()) {
                if (!first) {
                    put((byte) ',');
                }
                first = false;
                string(entry.getKey());
                put((byte) ':');
                string(entry.getValue());
            }
        }

        /** A JSON string (or null) as Jackson writes it; sets {@link #surrogate} instead for a surrogate. */
        private void string(String value) {
            if (value == null) {
                put(NULL);
                return;
            }
            int length = value.length();
            ensure(length * 6 + 2);   // the longest a char can become: a six-char escape
            char[] cs = chars(value);
            byte[] b = buf;
            int at = size;
            b[at++] = '"';
            for (int i = 0; i < length; i++) {
                char c = cs[i];
                if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                    b[at++] = (byte) c;   // the usual text: printable ASCII, one byte per char
                } else if (c < 0x80) {
                    at = escape(b, at, c);
                } else if (c < 0x800) {
                    b[at++] = (byte) (0xC0 | (c >> 6));
                    b[at++] = (byte) (0x80 | (c & 0x3F));
                } else if (Character.isSurrogate(c)) {
                    surrogate = true;
                    break;
                } else {
                    b[at++] = (byte) (0xE0 | (c >> 12));
                    b[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    b[at++] = (byte) (0x80 | (c & 0x3F));
                }
            }
            b[at++] = '"';
            size = at;
        }

        /** The chars of {@code value} in a buffer kept for the next: a loop over an array costs less than charAt. */
        private char[] chars(String value) {
            if (scratch.length < value.length()) {
                scratch = new char[Math.max(value.length(), 2 * scratch.length)];
            }
            value.getChars(0, value.length(), scratch, 0);
            return scratch;
        }

        /** A char below 0x80 that is not printable ASCII, or a quote or backslash. */
        private static int escape(byte[] b, int at, char c) {
            switch (ESCAPE[c]) {
                case 0 -> b[at++] = (byte) c;   // DEL: Jackson copies it
                case 1 -> {
                    b[at++] = '\\';
                    b[at++] = SHORT[c];
                }
                default -> {
                    b[at++] = '\\';
                    b[at++] = 'u';
                    b[at++] = '0';
                    b[at++] = '0';
                    b[at++] = HEX[c >> 4];
                    b[at++] = HEX[c & 0xF];
                }
            }
            return at;
        }

        private void put(byte b) {
            ensure(1);
            buf[size++] = b;
        }

        private void put(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buf, size, bytes.length);
            size += bytes.length;
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        private static byte[] ascii(String text) {
            return text.getBytes(StandardCharsets.US_ASCII);
        }
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

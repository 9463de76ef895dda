package io.callgem.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The DT parameter: the raw text plus the fields decoded from it (protocol brief, "DT").
 * Two encodings are detected: Campaign Manager XML (text starting with '&lt;') and legacy
 * {@code KEY~N~value} fields. DT is untrusted, so decoding never fails the outcome: when the
 * text cannot be decoded, {@code fields} is empty and {@code problem} says why.
 *
 * @param raw     the DT value exactly as received ("" for an empty DT)
 * @param fields  decoded name/value pairs in document order
 * @param problem why decoding failed, or null
 */
public record LineOfBusinessData(String raw, Map<String, String> fields, String problem) {

    public LineOfBusinessData {
        Objects.requireNonNull(raw, "raw");
        fields = fields == null || fields.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(fields instanceof Decoded ? fields : new LinkedHashMap<>(fields));
    }

    /**
     * The fields a decoder of this package built for one DT and hands over, keeping no reference:
     * taken as they are instead of copied (one map less per outcome). Anyone else's map is copied.
     */
    static final class Decoded extends LinkedHashMap<String, String> {
        private static final long serialVersionUID = 1L;
    }

    public static LineOfBusinessData parse(String raw) {
        Objects.requireNonNull(raw, "raw");
        if (raw.isEmpty()) {
            return new LineOfBusinessData(raw, Map.of(), null);   // empty DT is "no data", not an error
        }
        int first = 0;
        while (first < raw.length() && Character.isWhitespace(raw.charAt(first))) {
            first++;
        }
        if (first < raw.length() && raw.charAt(first) == '<') {
            return CampaignManagerXml.decode(raw);
        }
        return LegacyFields.decode(raw);
    }

    /** The value of a decoded field, or null. */
    public String get(String name) {
        return fields.get(name);
    }
}

package io.callgem.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One SDMP message: {@code [prefix:]CC\P1value\P2\P3value} (protocol brief, "Message format").
 *
 * @param prefix     SDMP2 routing prefix without the trailing ':' (e.g. "CG:MA"), or null
 * @param code       two-character message code ("OZ", "EO", ...)
 * @param parameters parameters in arrival order, duplicates and unknown codes included
 */
public record SdmpMessage(String prefix, String code, List<Parameter> parameters) {

    public SdmpMessage {
        Objects.requireNonNull(code, "code");
        if (parameters == null) {
            parameters = List.of();
        } else if (!(parameters instanceof FrameParameters)) {   // already immutable
            parameters = List.copyOf(parameters);
        }
    }

    public static SdmpMessage of(String code, Parameter... parameters) {
        return new SdmpMessage(null, code, Arrays.asList(parameters));
    }

    /** The first value of {@code code}, or null when absent. */
    public String get(String code) {
        if (parameters instanceof FrameParameters frame) {
            return frame.valueOf(code);
        }
        for (int i = 0, n = parameters.size(); i < n; i++) {
            Parameter p = parameters.get(i);
            if (p.code().equals(code)) {
                return p.value();
            }
        }
        return null;
    }

    public boolean has(String code) {
        return get(code) != null;
    }

    /** This message with an SDMP2 routing prefix (or none, when null). */
    public SdmpMessage withPrefix(String prefix) {
        return new SdmpMessage(prefix, code, parameters);
    }

    /**
     * The wire text without terminator. A value holding a backslash, starting with a quote, or
     * an FM error text is written quoted, the only escape SDMP has.
     *
     * @throws IllegalArgumentException for a value no SDMP text can carry (a quote followed by a backslash)
     */
    public String toWire() {
        StringBuilder sb = new StringBuilder(16 + parameters.size() * 24);
        if (prefix != null) {
            sb.append(prefix).append(':');
        }
        sb.append(code);
        for (int i = 0, n = parameters.size(); i < n; i++) {
            Parameter p = parameters.get(i);
            sb.append('\\').append(p.code());
            String v = p.value();
            if (needsQuotes(p.code(), v)) {
                if (v.contains("\"\\")) {
                    throw new IllegalArgumentException(
                            "value of " + p.code() + " holds '\"\\' and cannot be written in SDMP");
                }
                sb.append('"').append(v).append('"');
            } else {
                sb.append(v);
            }
        }
        return sb.toString();
    }

    private static boolean needsQuotes(String code, String value) {
        if (value.isEmpty()) {
            return false;
        }
        // CallGem quotes its error texts (protocol brief, "Subscribing"); other values only when they must.
        return "FM".equals(code) || value.charAt(0) == '"' || value.indexOf('\\') >= 0;
    }

    @Override
    public String toString() {
        return toWire();
    }
}

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
        return toWire(null, null);
    }

    /**
     * The wire text of this message with {@code code} = {@code value} as its first parameter and
     * no other parameter of that code: {@code toWire()} of that message, without building it (the
     * simulator writes every OZ under its subscriber's TX this way).
     *
     * @throws IllegalArgumentException for a value no SDMP text can carry (a quote followed by a backslash)
     */
    public String toWireWithFirst(String code, String value) {
        return toWire(Objects.requireNonNull(code, "code"), Objects.requireNonNull(value, "value"));
    }

    private String toWire(String firstCode, String firstValue) {
        // the exact length first: a frame is written once, and a growing builder copied it several times
        int length = (prefix == null ? 0 : prefix.length() + 1) + code.length();
        if (firstCode != null) {
            length += parameterLength(firstCode, firstValue);
        }
        for (int i = 0, n = parameters.size(); i < n; i++) {
            Parameter p = parameters.get(i);
            if (firstCode == null || !firstCode.equals(p.code())) {
                length += parameterLength(p.code(), p.value());
            }
        }
        StringBuilder sb = new StringBuilder(length);
        if (prefix != null) {
            sb.append(prefix).append(':');
        }
        sb.append(code);
        if (firstCode != null) {
            appendParameter(sb, firstCode, firstValue);
        }
        for (int i = 0, n = parameters.size(); i < n; i++) {
            Parameter p = parameters.get(i);
            if (firstCode == null || !firstCode.equals(p.code())) {
                appendParameter(sb, p.code(), p.value());
            }
        }
        return sb.toString();
    }

    private static int parameterLength(String code, String value) {
        return 1 + code.length() + value.length() + (needsQuotes(code, value) ? 2 : 0);
    }

    private static void appendParameter(StringBuilder sb, String code, String v) {
        sb.append('\\').append(code);
        if (needsQuotes(code, v)) {
            if (v.contains("\"\\")) {
                throw new IllegalArgumentException("value of " + code + " holds '\"\\' and cannot be written in SDMP");
            }
            sb.append('"').append(v).append('"');
        } else {
            sb.append(v);
        }
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

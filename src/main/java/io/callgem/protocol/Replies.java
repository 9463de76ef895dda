package io.callgem.protocol;

import java.util.List;

/** Shared bits of the request/reply records. */
final class Replies {

    private Replies() {
    }

    static void add(List<Parameter> p, String code, String value) {
        if (value != null) {
            p.add(new Parameter(code, value));
        }
    }

    static void expect(SdmpMessage m, String code) {
        if (!code.equals(m.code())) {
            throw new IllegalArgumentException("expected a " + code + " message, got " + m.code());
        }
    }

    /** The number, or null when absent or not a (9-digit at most) decimal integer. */
    static Integer integer(String v) {
        if (v == null || v.isEmpty() || v.length() > 10) {
            return null;
        }
        try {
            return Integer.valueOf(v.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

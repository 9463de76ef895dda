package io.callgem.protocol;

import java.util.Arrays;

/**
 * Parses one frame (terminator already removed) into an {@link SdmpMessage}. Single pass with
 * indexOf, no regex, no per-parameter objects: this runs once per outcome on the event loop.
 */
public final class SdmpParser {

    private SdmpParser() {
    }

    public static SdmpMessage parse(CharSequence frame) throws SdmpParseException {
        if (frame == null || frame.length() == 0) {
            throw new SdmpParseException("empty frame", 0);
        }
        String s = frame.toString();
        int len = s.length();
        int firstSlash = s.indexOf('\\');
        int headEnd = firstSlash < 0 ? len : firstSlash;

        // Head: [routing:fields:]CC
        int lastColon = s.lastIndexOf(':', headEnd - 1);
        String prefix = null;
        int codeStart = 0;
        if (lastColon >= 0) {
            checkPrefix(s, lastColon);
            prefix = s.substring(0, lastColon);
            codeStart = lastColon + 1;
        }
        if (headEnd - codeStart != 2 || !isCodeChar(s.charAt(codeStart)) || !isCodeChar(s.charAt(codeStart + 1))) {
            throw new SdmpParseException("message code must be two letters or digits, found '"
                    + printable(s, codeStart, headEnd) + "'", codeStart);
        }
        String code = s.substring(codeStart, headEnd);

        int[] offsets = new int[3 * 24];
        int count = 0;
        int pos = firstSlash;
        while (pos >= 0) {
            // pos is at a backslash
            int c0 = pos + 1;
            if (c0 >= len || s.charAt(c0) == '\\') {
                throw new SdmpParseException("lone backslash (no parameter code)", pos);
            }
            if (c0 + 1 >= len || s.charAt(c0 + 1) == '\\') {
                throw new SdmpParseException("one-character parameter code '" + printable(s, c0, c0 + 1) + "'", c0);
            }
            if (!isCodeChar(s.charAt(c0)) || !isCodeChar(s.charAt(c0 + 1))) {
                throw new SdmpParseException("parameter code must be two letters or digits, found '"
                        + printable(s, c0, c0 + 2) + "'", c0);
            }
            int v = c0 + 2;
            int next;
            int valueStart;
            int valueEnd;
            if (v < len && s.charAt(v) == '"') {
                int close = closingQuote(s, v + 1);
                if (close < 0) {
                    throw new SdmpParseException("unterminated quoted value of " + s.substring(c0, c0 + 2), v);
                }
                valueStart = v + 1;
                valueEnd = close;
                next = close + 1 < len ? close + 1 : -1;
            } else {
                next = s.indexOf('\\', v);
                valueStart = v;
                valueEnd = next < 0 ? len : next;
            }
            if (count * 3 == offsets.length) {
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
            }
            offsets[count * 3] = c0;
            offsets[count * 3 + 1] = valueStart;
            offsets[count * 3 + 2] = valueEnd;
            count++;
            pos = next;
        }
        return new SdmpMessage(prefix, code, new FrameParameters(s, offsets, count));
    }

    /** A quoted value runs to the first quote that ends the frame or is followed by a backslash. */
    private static int closingQuote(String s, int from) {
        int len = s.length();
        int q = s.indexOf('"', from);
        while (q >= 0) {
            if (q + 1 == len || s.charAt(q + 1) == '\\') {
                return q;
            }
            q = s.indexOf('"', q + 1);
        }
        return -1;
    }

    private static void checkPrefix(String s, int end) throws SdmpParseException {
        int fieldStart = 0;
        for (int i = 0; i <= end; i++) {
            char c = i == end ? ':' : s.charAt(i);
            if (c == ':') {
                if (i == fieldStart) {
                    throw new SdmpParseException("empty SDMP2 routing field", i);
                }
                fieldStart = i + 1;
            } else if (!isCodeChar(c)) {
                throw new SdmpParseException("invalid character '" + printable(s, i, i + 1)
                        + "' in SDMP2 routing prefix", i);
            }
        }
    }

    private static boolean isCodeChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
    }

    /** At most 16 chars of the input, control and non-ASCII chars shown as \\uXXXX, for error texts. */
    private static String printable(String s, int from, int to) {
        StringBuilder sb = new StringBuilder();
        int end = Math.min(to, Math.min(s.length(), from + 16));
        for (int i = from; i < end; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        if (end < to) {
            sb.append("...");
        }
        return sb.toString();
    }
}

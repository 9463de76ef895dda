package io.callgem.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import io.callgem.protocol.Outcome;

/**
 * Derives {@code outcomeId}: the same for the same outcome when CallGem re-sends it (a PS
 * replay after a reconnect), also under a new TX. TX is the subscription's transaction id
 * (callgem-protocol.md: "TX is not unique per outcome"), so it is left out; everything
 * CallGem says about the call itself goes in, maps in a fixed (sorted) order.
 * <p>
 * The id is the first 16 bytes, in hex, of the SHA-256 of the UTF-8 of the key: each value's
 * text ({@code toString()}, an instant as {@link Instant#toString()}, a map as its sorted
 * {@code {k=v, k=v}}, {@code U+0000} for null) followed by {@code U+001F}. The key's bytes
 * are written straight into a buffer kept per thread, text by text ({@link #keyText} builds the
 * same key as a String, the definition the tests compare with): every value is followed by an
 * ASCII separator, so encoding it alone gives the bytes encoding the whole key gives.
 */
public final class OutcomeId {

    private static final char SEPARATOR = '\u001f';
    private static final HexFormat HEX = HexFormat.of();

    private OutcomeId() {
    }

    public static String of(Outcome o) {
        Key key = KEY.get();
        key.reset();
        key.text(o.tenant());
        key.text(o.campaign());
        key.text(o.sessionId());
        key.text(o.groupAddress());
        key.text(o.agent());
        key.text(o.agentAlternative());
        key.number(o.agentOutcome());
        key.number(o.reason());
        key.text(o.dialedNumber());
        key.text(o.telephoneNumber());
        key.text(o.listId());
        key.text(o.queue());
        key.flag(o.inbound());
        key.flag(o.dontDial());
        key.flag(o.retryAdvised());
        key.instant(o.timestamp());
        key.instant(o.callLaunchedAt());
        key.instant(o.callAlertingAt());
        key.instant(o.callResultAt());
        key.instant(o.trunkDisconnectedAt());
        key.map(o.recordingTags());
        key.text(o.data() == null ? null : o.data().raw());
        key.map(o.extra());
        return HEX.formatHex(key.sha256(), 0, 16);
    }

    /** The key {@link #of} hashes, as text: the definition. */
    static String keyText(Outcome o) {
        StringBuilder key = new StringBuilder(256);
        append(key, o.tenant());
        append(key, o.campaign());
        append(key, o.sessionId());
        append(key, o.groupAddress());
        append(key, o.agent());
        append(key, o.agentAlternative());
        append(key, o.agentOutcome());
        append(key, o.reason());
        append(key, o.dialedNumber());
        append(key, o.telephoneNumber());
        append(key, o.listId());
        append(key, o.queue());
        append(key, o.inbound());
        append(key, o.dontDial());
        append(key, o.retryAdvised());
        append(key, o.timestamp());
        append(key, o.callLaunchedAt());
        append(key, o.callAlertingAt());
        append(key, o.callResultAt());
        append(key, o.trunkDisconnectedAt());
        append(key, sorted(o.recordingTags()));
        append(key, o.data() == null ? null : o.data().raw());
        append(key, sorted(o.extra()));
        return key.toString();
    }

    /** {@link #of} by the definition: the SHA-256 of {@link #keyText}'s UTF-8. */
    static String ofKeyText(Outcome o) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(keyText(o).getBytes(StandardCharsets.UTF_8));
            return HEX.formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void append(StringBuilder key, Object value) {
        key.append(value == null ? "\u0000" : value.toString());
        key.append(SEPARATOR);
    }

    /** The map in key order; one of at most one entry already is (and prints the same). */
    private static Map<String, String> sorted(Map<String, String> map) {
        return map == null || map.size() <= 1 ? map : new TreeMap<>(map);
    }

    /** One key buffer and digest per thread: looking the algorithm up showed in the benchmark's profile. */
    private static final ThreadLocal<Key> KEY = ThreadLocal.withInitial(Key::new);

    /** The key's UTF-8 bytes, value by value. */
    private static final class Key {
        private final MessageDigest sha256;
        private final char[] instant = new char[IsoInstant.MAX_LENGTH];
        private byte[] buf = new byte[1024];
        private char[] scratch = new char[256];
        private int size;

        Key() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }

        void reset() {
            size = 0;
        }

        byte[] sha256() {
            sha256.update(buf, 0, size);
            return sha256.digest();
        }

        void text(String value) {
            if (value == null) {
                nullValue();
            } else {
                chars(value);
                end();
            }
        }

        void number(Integer value) {
            if (value == null) {
                nullValue();
            } else {
                chars(Integer.toString(value));
                end();
            }
        }

        void flag(boolean value) {
            chars(value ? "true" : "false");
            end();
        }

        void instant(Instant value) {
            if (value == null) {
                nullValue();
                return;
            }
            int n = IsoInstant.write(value, instant);   // = value.toString()
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[size++] = (byte) instant[i];       // ASCII: digits, '-', ':', '.', 'T', 'Z', '+'
            }
            end();
        }

        /** As {@code AbstractMap.toString()} of the map in key order: {@code {k=v, k=v}}. */
        void map(Map<String, String> map) {
            if (map == null) {
                nullValue();
                return;
            }
            put('{');
            boolean first = true;
            for (Map.Entry<String, String> e : sorted(map).entrySet()) {
                if (!first) {
                    put(',');
                    put(' ');
                }
                first = false;
                chars(String.valueOf(e.getKey()));
                put('=');
                chars(String.valueOf(e.getValue()));
            }
            put('}');
            end();
        }

        private void nullValue() {
            put(0);
            end();
        }

        private void end() {
            put(SEPARATOR);
        }

        private void put(int b) {
            ensure(1);
            buf[size++] = (byte) b;
        }

        /** The UTF-8 of {@code text}: ASCII copied, anything else encoded by String. */
        private void chars(String text) {
            int length = text.length();
            ensure(length);
            if (scratch.length < length) {
                scratch = new char[Math.max(length, 2 * scratch.length)];
            }
            char[] cs = scratch;
            text.getChars(0, length, cs, 0);   // a loop over an array costs less than charAt
            int at = size;
            for (int i = 0; i < length; i++) {
                char c = cs[i];
                if (c >= 0x80) {
                    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                    ensure(utf8.length);
                    System.arraycopy(utf8, 0, buf, size, utf8.length);
                    size += utf8.length;
                    return;
                }
                buf[at + i] = (byte) c;
            }
            size = at + length;
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }
    }
}

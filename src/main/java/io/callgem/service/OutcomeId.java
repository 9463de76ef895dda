package io.callgem.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import io.callgem.protocol.Outcome;

/**
 * Derives {@code outcomeId}: the same for the same outcome when CallGem re-sends it (a PS
 * replay after a reconnect), also under a new TX. TX is the subscription's transaction id
 * (callgem-protocol.md: "TX is not unique per outcome"), so it is left out; everything
 * CallGem says about the call itself goes in, maps in a fixed (sorted) order.
 */
public final class OutcomeId {

    private static final char SEPARATOR = '\u001f';

    private OutcomeId() {
    }

    public static String of(Outcome o) {
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
        return HexFormat.of().formatHex(sha256(key.toString()), 0, 16);
    }

    private static void append(StringBuilder key, Object value) {
        if (value instanceof Instant instant) {
            key.append(IsoInstant.toString(instant));   // = instant.toString(), without the formatter's cost
        } else {
            key.append(value == null ? "\u0000" : value.toString());
        }
        key.append(SEPARATOR);
    }

    /** The map in key order; one of at most one entry already is (and prints the same). */
    private static Map<String, String> sorted(Map<String, String> map) {
        return map == null || map.size() <= 1 ? map : new TreeMap<>(map);
    }

    /** One digest per thread: looking the algorithm up showed in the benchmark's profile. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });

    private static byte[] sha256(String text) {
        return SHA_256.get().digest(text.getBytes(StandardCharsets.UTF_8));
    }
}

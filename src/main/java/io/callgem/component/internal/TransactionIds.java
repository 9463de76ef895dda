package io.callgem.component.internal;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Transaction ids (TX) unique per request: prefix + a random id of this generator + a counter. TX allows 1-87
 * characters (protocol brief, EO).
 */
public final class TransactionIds {

    public static final int MAX_LENGTH = 87;
    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

    private final String prefix;
    private final String instance;
    private final AtomicLong counter = new AtomicLong();

    public TransactionIds(String prefix) {
        String p = prefix == null ? "" : prefix;
        if (p.indexOf('\\') >= 0 || p.length() > MAX_LENGTH - 20) {
            throw new IllegalArgumentException("transactionIdPrefix must be at most " + (MAX_LENGTH - 20)
                                               + " characters without backslash: " + prefix);
        }
        this.prefix = p;
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        this.instance = sb.toString();
    }

    public String next() {
        return prefix + instance + "-" + Long.toString(counter.incrementAndGet(), 36);
    }
}

package io.callgem.component.internal;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential reconnect backoff with "equal jitter": the n-th delay is drawn from [d/2, d] where d = initial * 2^n,
 * capped at max. Jitter keeps many clients of one dialer from reconnecting in lock step.
 */
public final class Backoff {

    private final long initial;
    private final long max;
    private int attempts;

    public Backoff(long initialMillis, long maxMillis) {
        this.initial = Math.max(1, initialMillis);
        this.max = Math.max(this.initial, maxMillis);
    }

    /** The delay before the next attempt; each call counts one attempt. */
    public long nextDelay() {
        int shift = Math.min(attempts, 30);
        long ceiling = initial << shift;
        if (ceiling <= 0 || ceiling > max) {
            ceiling = max;
        }
        attempts++;
        long half = ceiling / 2;
        return half + ThreadLocalRandom.current().nextLong(ceiling - half + 1);
    }

    /** Attempts since the last {@link #reset()}. */
    public int attempts() {
        return attempts;
    }

    public void reset() {
        attempts = 0;
    }
}

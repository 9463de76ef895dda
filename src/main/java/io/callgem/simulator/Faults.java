package io.callgem.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * Faults the simulator injects on purpose, so clients can be tested against a misbehaving
 * CallGem. Counts are per connection and count OZ messages only; {@code 0} turns a fault off.
 * Change them at run time with {@link CallGemSimulator#faults(Faults)}.
 *
 * @param severAfterOutcomes close the socket right after the N-th OZ written on it
 * @param refuseAfterSever after such a sever, refuse new connections for this long
 *        ({@link Duration#ZERO} = accept at once)
 * @param malformedEvery after every N-th OZ on a connection, write one frame that is not a
 *        valid SDMP message ({@link #MALFORMED_FRAME}); the outcomes themselves are all sent
 * @param splitWrites write every frame in three pieces, each flushed on its own (the first
 *        piece is one byte, so UTF-16LE code units are split too)
 * @param stallAfterOutcomes after the N-th OZ on a connection, send nothing on it for
 *        {@code stallFor} (once per connection); outcomes wait, nothing is lost
 * @param stallFor how long a stall lasts
 * @param replayOverlap on re-subscription with a persist token, re-send this many outcomes that
 *        were already delivered to that token before the buffered ones (duplicates, to test
 *        idempotent consumers)
 */
public record Faults(int severAfterOutcomes, Duration refuseAfterSever, int malformedEvery,
        boolean splitWrites, int stallAfterOutcomes, Duration stallFor, int replayOverlap) {

    /** The frame written by the malformed-frame fault: a parameter code of one character. */
    public static final String MALFORMED_FRAME = "OZ\\X";

    public Faults {
        Objects.requireNonNull(refuseAfterSever, "refuseAfterSever");
        Objects.requireNonNull(stallFor, "stallFor");
        if (severAfterOutcomes < 0 || malformedEvery < 0 || stallAfterOutcomes < 0 || replayOverlap < 0) {
            throw new IllegalArgumentException("fault counts must be >= 0: " + this);
        }
    }

    /** No faults: a well-behaved CallGem. */
    public static Faults none() {
        return new Faults(0, Duration.ZERO, 0, false, 0, Duration.ZERO, 0);
    }

    public boolean any() {
        return severAfterOutcomes > 0 || malformedEvery > 0 || splitWrites || stallAfterOutcomes > 0
                || replayOverlap > 0;
    }

    public Faults withSeverAfterOutcomes(int n) {
        return new Faults(n, refuseAfterSever, malformedEvery, splitWrites, stallAfterOutcomes, stallFor, replayOverlap);
    }

    public Faults withRefuseAfterSever(Duration d) {
        return new Faults(severAfterOutcomes, d, malformedEvery, splitWrites, stallAfterOutcomes, stallFor, replayOverlap);
    }

    public Faults withMalformedEvery(int n) {
        return new Faults(severAfterOutcomes, refuseAfterSever, n, splitWrites, stallAfterOutcomes, stallFor, replayOverlap);
    }

    public Faults withSplitWrites(boolean split) {
        return new Faults(severAfterOutcomes, refuseAfterSever, malformedEvery, split, stallAfterOutcomes, stallFor, replayOverlap);
    }

    /** Stall once per connection after {@code n} OZ, for {@code duration}. */
    public Faults withStall(int n, Duration duration) {
        return new Faults(severAfterOutcomes, refuseAfterSever, malformedEvery, splitWrites, n, duration, replayOverlap);
    }

    public Faults withReplayOverlap(int n) {
        return new Faults(severAfterOutcomes, refuseAfterSever, malformedEvery, splitWrites, stallAfterOutcomes, stallFor, n);
    }
}

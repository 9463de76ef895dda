package io.callgem.simulator;

import io.callgem.protocol.Outcome;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Generates outcomes on its own thread at the configured rate (or as fast as the clients read
 * them) until the configured count. It runs only while someone subscribes, and waits whenever a
 * subscribed connection is not writable, so a slow reader slows the feed instead of filling
 * memory.
 */
final class Emitter implements Runnable {

    private static final Log LOG = Log.of(Emitter.class);
    /** Outcomes per batch handed to the event loops. */
    static final int BATCH = 1024;

    private final CallGemSimulator simulator;
    private final OutcomeGenerator generator;
    private final double ratePerSecond;
    private final long count;
    private volatile boolean running = true;

    Emitter(CallGemSimulator simulator, OutcomeGenerator generator, double ratePerSecond, long count) {
        this.simulator = simulator;
        this.generator = generator;
        this.ratePerSecond = ratePerSecond;
        this.count = count;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        long emitted = 0;
        long scheduleStart = -1;
        long sinceStart = 0;
        try {
            while (running && (count < 0 || emitted < count)) {
                if (!simulator.awaitReady(true)) {
                    return;
                }
                long remaining = count < 0 ? Long.MAX_VALUE : count - emitted;
                int n = (int) Math.min(BATCH, remaining);
                if (ratePerSecond > 0) {
                    long now = System.nanoTime();
                    long due = scheduleStart < 0 ? 1
                            : (long) ((now - scheduleStart) / 1e9 * ratePerSecond) + 1 - sinceStart;
                    if (scheduleStart < 0 || due > Math.max(ratePerSecond, BATCH)) {
                        // First outcome, or more than a second behind (nobody listened, or a
                        // slow reader): start the schedule afresh instead of bursting.
                        scheduleStart = now;
                        sinceStart = 0;
                        due = 1;
                    }
                    if (due <= 0) {
                        long next = scheduleStart + (long) (sinceStart * 1e9 / ratePerSecond);
                        LockSupport.parkNanos(Math.min(100_000_000L, Math.max(100_000L, next - now)));
                        continue;
                    }
                    n = (int) Math.min(n, due);
                    sinceStart += n;
                }
                List<Outcome> outcomes = generator.next(n);
                emitted += n;
                simulator.route(outcomes);
            }
            if (running) {
                LOG.infof("Generated all %d outcomes", emitted);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Outcome generation stopped", e);
        }
    }
}

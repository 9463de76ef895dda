package io.callgem.simulator;

import io.callgem.protocol.CallGemCharset;
import io.callgem.protocol.Terminator;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a {@link CallGemSimulator} behaves. Immutable; start from {@link #defaults()} (a live
 * feed) or {@link #forTests()} (silent until told) and change fields with the {@code with...}
 * methods.
 *
 * @param host address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param listeners ports to listen on, each with its charset; port 0 = a free port
 * @param terminator what ends each frame the simulator writes
 * @param campaigns campaign names (CN) outcomes are generated for
 * @param tenants tenants (TD) outcomes are generated for; empty = outcomes carry no TD
 * @param ratePerSecond generated outcomes per second; 0 = as fast as the clients read them
 * @param count how many outcomes to generate automatically; -1 = no limit, 0 = none (only
 *        {@link CallGemSimulator#generate(int)} and {@link CallGemSimulator#sendOutcome} send)
 * @param seed seed of the outcome generator: the same seed and start time give the same outcomes
 * @param startTime simulated time of the first outcome; {@code null} = the time of
 *        {@link CallGemSimulator#start()}
 * @param historyBound outcomes kept per persist token while its subscriber is away; beyond it
 *        the oldest is dropped
 * @param oleZone zone the OLE dates (TS, X1-X4) are written in
 * @param faults faults to inject
 */
public record SimulatorSettings(String host, List<Listener> listeners, Terminator terminator,
        List<String> campaigns, List<String> tenants, double ratePerSecond, long count, long seed,
        Instant startTime, int historyBound, ZoneId oleZone, Faults faults) {

    /** Port of CallGem's ASCII feed by convention. */
    public static final int ASCII_PORT = 6502;
    /** Port of CallGem's Unicode (UTF-16LE) feed by convention. */
    public static final int UNICODE_PORT = 6500;

    /** One listening socket: a port (0 = any free port) and the charset spoken on it. */
    public record Listener(int port, CallGemCharset charset) {
        public Listener {
            Objects.requireNonNull(charset, "charset");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }
    }

    public SimulatorSettings {
        Objects.requireNonNull(host, "host");
        listeners = List.copyOf(listeners);
        Objects.requireNonNull(terminator, "terminator");
        campaigns = List.copyOf(campaigns);
        tenants = List.copyOf(tenants);
        Objects.requireNonNull(oleZone, "oleZone");
        Objects.requireNonNull(faults, "faults");
        if (listeners.isEmpty()) {
            throw new IllegalArgumentException("at least one listener is needed");
        }
        if (campaigns.isEmpty()) {
            throw new IllegalArgumentException("at least one campaign is needed");
        }
        if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("ratePerSecond must be >= 0: " + ratePerSecond);
        }
        if (count < -1) {
            throw new IllegalArgumentException("count must be -1 (no limit) or >= 0: " + count);
        }
        if (historyBound < 0) {
            throw new IllegalArgumentException("historyBound must be >= 0: " + historyBound);
        }
    }

    /**
     * A live feed: loopback, one ASCII listener on a free port, campaigns Sales1, Sales2,
     * Support for tenants acme, globex, initech, 10 outcomes a second without end, a random
     * seed, 10,000 outcomes of history per persist token, UTC, no faults.
     */
    public static SimulatorSettings defaults() {
        return new SimulatorSettings("127.0.0.1", List.of(new Listener(0, CallGemCharset.ASCII)),
                Terminator.NUL, List.of("Sales1", "Sales2", "Support"), List.of("acme", "globex", "initech"),
                10, -1, ThreadLocalRandom.current().nextLong(), null, 10_000, ZoneOffset.UTC, Faults.none());
    }

    /**
     * For tests: like {@link #defaults()} but nothing is generated automatically (count 0), the
     * seed is 1 and the simulated clock starts at 2026-01-05T09:00:00Z, so outcomes are the same
     * on every run.
     */
    public static SimulatorSettings forTests() {
        return defaults().withCount(0).withSeed(1).withStartTime(Instant.parse("2026-01-05T09:00:00Z"));
    }

    public SimulatorSettings withHost(String host) {
        return new SimulatorSettings(host, listeners, terminator, campaigns, tenants, ratePerSecond, count, seed,
                startTime, historyBound, oleZone, faults);
    }

    /** A single listener on {@code port} with the charset of the first listener. */
    public SimulatorSettings withPort(int port) {
        return withListeners(List.of(new Listener(port, listeners.get(0).charset())));
    }

    /** A single listener on the port of the first listener, speaking {@code charset}. */
    public SimulatorSettings withCharset(CallGemCharset charset) {
        return withListeners(List.of(new Listener(listeners.get(0).port(), charset)));
    }

    public SimulatorSettings withListeners(List<Listener> listeners) {
        return new SimulatorSettings(host, listeners, terminator, campaigns, tenants, ratePerSecond, count, seed,
                startTime, historyBound, oleZone, faults);
    }

    public SimulatorSettings withTerminator(Terminator terminator) {
        return new SimulatorSettings(host, listeners, terminator, campaigns, tenants, ratePerSecond, count, seed,
                startTime, historyBound, oleZone, faults);
    }

    public SimulatorSettings withCampaigns(List<String> campaigns) {
        return new SimulatorSettings(host, listeners, terminator, campaigns, tenants, ratePerSecond, count, seed,
                startTime, historyBound, oleZone, faults);
    }

    public SimulatorSettings withTenants(List<String> tenants) {
        return new SimulatorSettings(host, listeners, terminator, campaigns, tenants, ratePerSecond, count, seed,
                startTime, historyBound, oleZone, faults);
    }

    /** Outcomes per second; 0 = as fast as the clients read them. */
    public SimulatorSettings withRatePerSecond(double ratePerSecond) {
        return new SimulatorSettings(host, listeners, terminator, campaigns, tenants, ratePerSecond, count, seed,
                startTime, historyBound, oleZone, faults);
    }

    /** Outcomes to generate automatically: -1 = no limit, 0 = none. */
    public SimulatorSettings withCount(long count) {
        return new SimulatorSettings(host, listeners, terminator, campaigns, tenants, ratePerSecond, count, seed,
                startTime, historyBound, oleZone, faults);
    }

    public SimulatorSettings withSeed(long seed) {
        return new SimulatorSettings(host, listeners, terminator, campaigns, tenants, ratePerSecond, count, seed,
                startTime, historyBound, oleZone, faults);
    }

    public SimulatorSettings withStartTime(Instant startTime) {
        return new SimulatorSettings(host, listeners, terminator, campaigns, tenants, ratePerSecond, count, seed,
                startTime, historyBound, oleZone, faults);
    }

    public SimulatorSettings withHistoryBound(int historyBound) {
        return new SimulatorSettings(host, listeners, terminator, campaigns, tenants, ratePerSecond, count, seed,
                startTime, historyBound, oleZone, faults);
    }

    public SimulatorSettings withOleZone(ZoneId oleZone) {
        return new SimulatorSettings(host, listeners, terminator, campaigns, tenants, ratePerSecond, count, seed,
                startTime, historyBound, oleZone, faults);
    }

    public SimulatorSettings withFaults(Faults faults) {
        return new SimulatorSettings(host, listeners, terminator, campaigns, tenants, ratePerSecond, count, seed,
                startTime, historyBound, oleZone, faults);
    }
}

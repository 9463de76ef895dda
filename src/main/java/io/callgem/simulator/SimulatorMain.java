package io.callgem.simulator;

import io.callgem.protocol.CallGemCharset;
import io.callgem.protocol.Terminator;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator on its own: {@code SimulatorMain [options]}, options in {@link #USAGE}.
 * Without --port or --charset it listens on 6502 (ASCII) and 6500 (UTF-16LE) like CallGem.
 */
public final class SimulatorMain {

    static final String USAGE = """
            Usage: SimulatorMain [options]
              --host ADDRESS          address to listen on (default 127.0.0.1; 0.0.0.0 for all)
              --port N                one listener on port N (default: 6502 ASCII and 6500 UTF-16LE)
              --charset ascii|utf-16le  charset of that listener (default ascii)
              --rate N                outcomes per second, 0 = as fast as clients read (default 10)
              --count N               outcomes to generate, -1 = no limit (default -1)
              --seed N                generator seed (default random, printed at start)
              --start-time ISO        simulated time of the first outcome (default now)
              --campaigns A,B         campaigns (default Sales1,Sales2,Support)
              --tenants A,B           tenants, "" for none (default acme,globex,initech)
              --terminator nul|crlf|lf  frame terminator written (default nul)
              --history N             outcomes kept per persist token while away (default 10000)
              --ole-zone ZONE         zone of OLE dates (default UTC)
              --sever-after N         fault: close each connection after N outcomes
              --refuse-after-sever D  fault: then refuse connections for D (e.g. 5s, 500ms, PT1M)
              --malformed-every N     fault: a malformed frame after every N-th outcome
              --split-writes          fault: write each frame in three pieces
              --stall-after N         fault: after N outcomes stall the connection ...
              --stall-for D           ... for D (default 10s)
              --replay-overlap N      fault: re-send N already delivered outcomes on PS re-subscription
              --status-every D        print counters every D, 0 = never (default 10s)
              --help
            """;

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        // Standalone, outside Quarkus: one-line JUL records, and Netty logging straight to JUL
        // (the packaged app's SLF4J binding needs Quarkus' log manager).
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s [%3$s] %5$s%6$s%n");
        }
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(USAGE);
            return;
        }
        run(options.settings(), options.statusEvery(), System.out);
    }

    private static void run(SimulatorSettings settings, Duration statusEvery, PrintStream out)
            throws InterruptedException {
        CallGemSimulator simulator = new CallGemSimulator(settings);
        simulator.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.stop();
            stopped.countDown();
        }, "callgem-simulator-shutdown"));
        List<String> listening = new ArrayList<>();
        for (int i = 0; i < settings.listeners().size(); i++) {
            listening.add(settings.host() + ":" + simulator.ports().get(i) + " " + settings.listeners().get(i).charset());
        }
        out.printf("CallGem simulator listening on %s; campaigns %s, tenants %s, %s, seed %d%n",
                String.join(", ", listening), settings.campaigns(), settings.tenants(), rate(settings),
                settings.seed());
        out.flush();
        while (!stopped.await(statusEvery.isZero() ? Long.MAX_VALUE : statusEvery.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS)) {
            out.printf("connections %d, subscriptions %d, generated %d, sent %d, waiting %d, dropped %d%n",
                    simulator.connectionCount(), simulator.activeSubscriptions().size(),
                    simulator.outcomesGenerated(), simulator.outcomesSent(), simulator.outcomesWaiting(),
                    simulator.outcomesDropped());
            out.flush();
        }
    }

    private static String rate(SimulatorSettings s) {
        String rate = s.ratePerSecond() == 0 ? "as fast as clients read" : s.ratePerSecond() + "/s";
        String count = s.count() < 0 ? "no limit" : s.count() + " outcomes";
        return rate + ", " + count;
    }

    /** Parsed command line. */
    record Options(SimulatorSettings settings, Duration statusEvery, boolean help) {
    }

    static Options parse(String[] args) {
        SimulatorSettings s = SimulatorSettings.defaults().withHost("127.0.0.1");
        Faults faults = Faults.none();
        Integer port = null;
        CallGemCharset charset = null;
        Duration statusEvery = Duration.ofSeconds(10);
        boolean help = false;
        Duration stallFor = Duration.ofSeconds(10);
        int stallAfter = 0;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (name.equals("--help") || name.equals("-h")) {
                help = true;
                continue;
            }
            if (name.equals("--split-writes")) {
                faults = faults.withSplitWrites(value == null || Boolean.parseBoolean(value));
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + name);
                }
                value = args[++i];
            }
            try {
                switch (name) {
                    case "--host" -> s = s.withHost(value);
                    case "--port" -> port = Integer.parseInt(value);
                    case "--charset" -> charset = CallGemCharset.of(value);
                    case "--rate" -> s = s.withRatePerSecond(Double.parseDouble(value));
                    case "--count" -> s = s.withCount(Long.parseLong(value));
                    case "--seed" -> s = s.withSeed(Long.parseLong(value));
                    case "--start-time" -> s = s.withStartTime(Instant.parse(value));
                    case "--campaigns" -> s = s.withCampaigns(list(value));
                    case "--tenants" -> s = s.withTenants(list(value));
                    case "--terminator" -> s = s.withTerminator(Terminator.valueOf(value.toUpperCase(Locale.ROOT)));
                    case "--history" -> s = s.withHistoryBound(Integer.parseInt(value));
                    case "--ole-zone" -> s = s.withOleZone(ZoneId.of(value));
                    case "--sever-after" -> faults = faults.withSeverAfterOutcomes(Integer.parseInt(value));
                    case "--refuse-after-sever" -> faults = faults.withRefuseAfterSever(duration(value));
                    case "--malformed-every" -> faults = faults.withMalformedEvery(Integer.parseInt(value));
                    case "--stall-after" -> stallAfter = Integer.parseInt(value);
                    case "--stall-for" -> stallFor = duration(value);
                    case "--replay-overlap" -> faults = faults.withReplayOverlap(Integer.parseInt(value));
                    case "--status-every" -> statusEvery = duration(value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            } catch (RuntimeException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("unknown option")) {
                    throw e;
                }
                throw new IllegalArgumentException("bad value for " + name + ": " + value + " (" + e.getMessage() + ")", e);
            }
        }
        if (stallAfter > 0) {
            faults = faults.withStall(stallAfter, stallFor);
        }
        if (port != null || charset != null) {
            CallGemCharset cs = charset == null ? CallGemCharset.ASCII : charset;
            int p = port != null ? port
                    : cs == CallGemCharset.UTF_16LE ? SimulatorSettings.UNICODE_PORT : SimulatorSettings.ASCII_PORT;
            s = s.withListeners(List.of(new SimulatorSettings.Listener(p, cs)));
        } else {
            s = s.withListeners(List.of(
                    new SimulatorSettings.Listener(SimulatorSettings.ASCII_PORT, CallGemCharset.ASCII),
                    new SimulatorSettings.Listener(SimulatorSettings.UNICODE_PORT, CallGemCharset.UTF_16LE)));
        }
        return new Options(s.withFaults(faults), statusEvery, help);
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    /** "500ms", "5s", "2m", "1h" or ISO-8601 ("PT5S"). */
    static Duration duration(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        if (v.startsWith("pt") || v.startsWith("p")) {
            return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
        }
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> throw new IllegalArgumentException("not a duration: " + value);
        };
    }
}

package io.callgem.bench;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.callgem.protocol.InvalidOutcomeException;
import io.callgem.protocol.Outcome;
import io.callgem.protocol.OutcomeReader;
import io.callgem.protocol.OutcomeWriter;
import io.callgem.protocol.SdmpParseException;
import io.callgem.protocol.SdmpParser;
import io.callgem.service.OutcomeDocument;
import io.callgem.service.OutcomeId;
import io.callgem.simulator.OutcomeGenerator;
import io.callgem.simulator.SimulatorSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.Result;

/**
 * The consumer thread's work per outcome after parsing, which bounds the service's rate to the
 * files (docs/performance.md, round 12): the outcome's id ({@link OutcomeId#of}) and its JSON
 * line ({@link OutcomeDocument.Lines#add}), in batches of 500 as the consumer hands them on. The
 * outcomes are the simulator's mix (the end-to-end benchmark's seed and tenants), sent through
 * the wire and read back as the service reads them. One thread: the figures are per core.
 * Run with {@code bench/parser.sh --document}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DocumentBenchmark {

    static final int BATCH = 500;

    List<Outcome> outcomes;

    @Setup
    public void setup() throws SdmpParseException, InvalidOutcomeException {
        outcomes = outcomes();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void id(Blackhole bh) {
        for (Outcome o : outcomes) {
            bh.consume(OutcomeId.of(o));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public byte[] document() {
        OutcomeDocument.Lines lines = new OutcomeDocument.Lines(BATCH * 1024);
        for (Outcome o : outcomes) {
            lines.add(o, o.sessionId());
        }
        return lines.toByteArray();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public byte[] idAndDocument() {
        OutcomeDocument.Lines lines = new OutcomeDocument.Lines(BATCH * 1024);
        for (Outcome o : outcomes) {
            lines.add(o, OutcomeId.of(o));
        }
        return lines.toByteArray();
    }

    /** A batch of the simulator's outcomes, as the service's reader makes them from the wire. */
    static List<Outcome> outcomes() throws SdmpParseException, InvalidOutcomeException {
        SimulatorSettings settings = EndToEndBenchmark.simulatorSettings(EndToEndBenchmark.START_TIME);
        OutcomeGenerator generator = new OutcomeGenerator(settings.seed(), settings.campaigns(), settings.tenants(),
                settings.startTime(), Duration.ofMillis(250));
        OutcomeWriter writer = new OutcomeWriter(ZoneOffset.UTC);
        OutcomeReader reader = new OutcomeReader(ZoneOffset.UTC, false);
        List<Outcome> read = new ArrayList<>(BATCH);
        for (Outcome o : generator.next(BATCH)) {
            read.add(reader.read(SdmpParser.parse(writer.write(o).toWire())));
        }
        return read;
    }

    /** Runs the benchmark and prints outcomes per second for each step. */
    public static void main(String[] args) throws Exception {
        Map<String, Result<?>> results = JmhRun.byMethod(JmhRun.run(DocumentBenchmark.class, args));
        System.out.println();
        results.forEach((method, result) -> System.out.printf(Locale.ROOT, "%-14s %,12.0f outcomes/s (± %,.0f)%n",
                method, result.getScore(), result.getScoreError()));
    }
}

package io.callgem.bench;

import java.util.Collection;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the benchmarks of one JMH class, as its annotations say or shorter with {@code --quick}. */
final class JmhRun {

    private JmhRun() {
    }

    static Collection<RunResult> run(Class<?> benchmarks, String[] args) throws RunnerException {
        OptionsBuilder opts = new OptionsBuilder();
        opts.include(benchmarks.getName() + "\\.");
        if (args.length > 0 && args[0].equals("--quick")) {
            opts.warmupIterations(2).measurementIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementTime(TimeValue.seconds(1));
        }
        return new Runner(opts.build()).run();
    }
}

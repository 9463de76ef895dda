package io.callgem.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the benchmarks of one JMH class, as its annotations say or shorter with {@code --quick}, and names their results. */
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

    /** Each benchmark method's primary result, by the method's name, in the order JMH ran them. */
    static Map<String, Result<?>> byMethod(Collection<RunResult> results) {
        Map<String, Result<?>> byMethod = new LinkedHashMap<>();
        for (RunResult rr : results) {
            String name = rr.getParams().getBenchmark();
            byMethod.put(name.substring(name.lastIndexOf('.') + 1), rr.getPrimaryResult());
        }
        return byMethod;
    }
}

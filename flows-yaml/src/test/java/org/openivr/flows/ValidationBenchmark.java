package org.openivr.flows;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * How long validating a generated 1,000-node flow takes (docs/benchmarks.md). A plain main, kept out of
 * {@code mvn verify}:
 *
 * <pre>
 * mvn -q -pl flows-yaml test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.openivr.flows.ValidationBenchmark [-Dexec.args="1000 30"]
 * </pre>
 *
 * It reports the first validation in a fresh JVM (what {@code ivr validate} pays once), then the median,
 * 90th percentile and best of the following runs, after a warm-up, in wall-clock time and in CPU time of
 * the validating thread (which other work on a busy machine disturbs less). Every run validates the whole text
 * from scratch: YAML, every node, every expression, every whole-flow check; nothing is cached between runs.
 */
public final class ValidationBenchmark {
    private ValidationBenchmark() {}

    public static void main(String[] args) {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        String file = "flows/generated.yaml";
        String flow = FlowGenerator.generate("generated", nodes);

        long coldStart = System.nanoTime();
        FlowLoader.Result first = FlowLoader.check(file, flow, name -> Optional.empty());
        double cold = (System.nanoTime() - coldStart) / 1e6;
        if (!first.problems().isEmpty()) {
            throw new IllegalStateException("the generated flow is not clean: " + first.problems().get(0));
        }

        for (int i = 0; i < Math.max(5, runs / 3); i++) {
            FlowLoader.check(file, flow, name -> Optional.empty()); // warm-up
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Double> times = new ArrayList<>();
        List<Double> cpuTimes = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            FlowLoader.Result result = FlowLoader.check(file, flow, name -> Optional.empty());
            times.add((System.nanoTime() - start) / 1e6);
            cpuTimes.add((threads.getCurrentThreadCpuTime() - cpuStart) / 1e6);
            if (result.flow() == null) {
                throw new IllegalStateException("validation failed");
            }
        }
        Collections.sort(times);
        Collections.sort(cpuTimes);
        System.out.printf("validating a generated %d-node flow (%d lines, %d KB)%n", nodes, flow.split("\n").length,
                flow.length() / 1024);
        System.out.printf("  first run in a fresh JVM: %.0f ms%n", cold);
        System.out.printf("  after warm-up, %d runs: median %.1f ms, p90 %.1f ms, best %.1f ms%n", runs,
                times.get(times.size() / 2), times.get((int) Math.ceil(times.size() * 0.9) - 1), times.get(0));
        System.out.printf("  CPU time of the validating thread: median %.1f ms, best %.1f ms%n",
                cpuTimes.get(cpuTimes.size() / 2), cpuTimes.get(0));
    }
}

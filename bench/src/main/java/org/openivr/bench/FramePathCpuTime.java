package org.openivr.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * The benchmarks of {@link FramePathBenchmark}, timed in CPU time of the measuring thread instead of wall-clock
 * time: on a machine shared with other builds JMH's wall-clock averages mostly measure the neighbours (a thread
 * that is not scheduled accrues no CPU time, though caches shared with them still cost a little). Per benchmark
 * and rate: 40,000 frames of warm-up, then 9 runs of 20,000 frames; prints the median and the best run in µs of
 * CPU per frame. {@code bench/cputime.sh}.
 */
public final class FramePathCpuTime {
    private static final int WARM_UP = 40_000;
    private static final int RUNS = 9;
    private static final int FRAMES = 20_000;

    public static void main(String[] args) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "%s; JDK %s; load average %.1f at start%n", Machine.describe(),
                System.getProperty("java.version"), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("| benchmark | rate | median µs CPU per frame | best run |");
        System.out.println("|---|---:|---:|---:|");
        for (String name : new String[] {"parse", "keyDetection", "vad", "fullFrame"}) {
            for (int rate : new int[] {16000, 24000}) {
                FramePathBenchmark b = new FramePathBenchmark();
                b.rate = rate;
                b.setUp();
                IntSupplier op = switch (name) {
                    case "parse" -> () -> {
                        try {
                            return b.parse();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    };
                    case "keyDetection" -> () -> b.keyDetection() ? 1 : 0;
                    case "vad" -> () -> (int) b.vad();
                    default -> () -> (int) b.fullFrame();
                };
                long sink = 0;
                for (int i = 0; i < WARM_UP; i++) {
                    sink += op.getAsInt();
                }
                double[] runs = new double[RUNS];
                for (int r = 0; r < RUNS; r++) {
                    long start = threads.getCurrentThreadCpuTime();
                    for (int i = 0; i < FRAMES; i++) {
                        sink += op.getAsInt();
                    }
                    runs[r] = (threads.getCurrentThreadCpuTime() - start) / 1000.0 / FRAMES;
                }
                Arrays.sort(runs);
                System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f |%s%n", name, rate, runs[RUNS / 2], runs[0],
                        sink == 42 ? " " : "");
            }
        }
    }

    private FramePathCpuTime() {}
}

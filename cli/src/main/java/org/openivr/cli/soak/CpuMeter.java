package org.openivr.cli.soak;

import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * The CPU this process used, per report and over the run, as a share of the machine's cores and per call ended.
 * That is the figure a capacity question turns on ("how many calls a second does a core carry?"), and in a soak
 * everything runs in this one JVM: the platform, the embedded Temporal server, the emulator and the soak's own
 * callers. With {@code TEMPORAL_ADDRESS} set, Temporal's share is elsewhere and not counted.
 */
final class CpuMeter {
    private final LongSupplier cpuNanos;
    private final LongSupplier wallNanos;
    private final int cores;
    private final long firstCpu;
    private final long firstWall;
    private long lastCpu;
    private long lastWall;
    private long lastEnded;

    CpuMeter(LongSupplier cpuNanos, LongSupplier wallNanos, int cores) {
        this.cpuNanos = cpuNanos;
        this.wallNanos = wallNanos;
        this.cores = cores;
        this.firstCpu = lastCpu = cpuNanos.getAsLong();
        this.firstWall = lastWall = wallNanos.getAsLong();
    }

    /** This JVM's process CPU time, or {@code null} where the JVM cannot tell it. */
    static CpuMeter ofThisProcess() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                && os.getProcessCpuTime() >= 0) {
            return new CpuMeter(os::getProcessCpuTime, System::nanoTime, Runtime.getRuntime().availableProcessors());
        }
        return null;
    }

    /** Since the previous window; {@code ended} is how many calls had ended by now, in all. */
    synchronized Use window(long ended) {
        long cpu = cpuNanos.getAsLong();
        long wall = wallNanos.getAsLong();
        Use use = new Use(cpu - lastCpu, wall - lastWall, cores, ended - lastEnded);
        lastCpu = cpu;
        lastWall = wall;
        lastEnded = ended;
        return use;
    }

    /** Since the meter was made; {@code ended} is how many calls had ended by now, in all. */
    synchronized Use wholeRun(long ended) {
        return new Use(cpuNanos.getAsLong() - firstCpu, wallNanos.getAsLong() - firstWall, cores, ended);
    }

    /** CPU time used over a stretch of wall-clock time, and the calls that ended in it. */
    record Use(long cpuNanos, long wallNanos, int cores, long callsEnded) {
        static final Use UNKNOWN = new Use(-1, 0, 0, 0);

        /** Busy share of all the machine's cores, 0 to 1; negative when unknown. */
        double busyShare() {
            return cpuNanos < 0 || wallNanos <= 0 || cores <= 0 ? -1 : cpuNanos / ((double) wallNanos * cores);
        }

        /** CPU-seconds per call ended; negative when unknown or no call ended. */
        double secondsPerCall() {
            return cpuNanos < 0 || callsEnded <= 0 ? -1 : cpuNanos / 1e9 / callsEnded;
        }

        String format() {
            if (busyShare() < 0) {
                return "CPU unknown";
            }
            return String.format("CPU %.0f%% of %d cores, %s", busyShare() * 100, cores, secondsPerCall() < 0
                    ? "no call ended" : String.format("%.3f CPU-s per call ended", secondsPerCall()));
        }
    }
}

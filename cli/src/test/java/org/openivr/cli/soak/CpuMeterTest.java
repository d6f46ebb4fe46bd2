package org.openivr.cli.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CpuMeterTest {
    private final AtomicLong cpu = new AtomicLong(5_000_000_000L);
    private final AtomicLong wall = new AtomicLong(100_000_000_000L);
    private final CpuMeter meter = new CpuMeter(cpu::get, wall::get, 2);

    @Test
    void eachWindowIsTheCpuSinceThePreviousOneOverAllCoresAndPerCallEndedInIt() {
        cpu.addAndGet(1_500_000_000L);
        wall.addAndGet(1_000_000_000L);
        CpuMeter.Use first = meter.window(10);

        assertThat(first.busyShare()).isCloseTo(0.75, within(1e-9));
        assertThat(first.secondsPerCall()).isCloseTo(0.15, within(1e-9));
        assertThat(first.format()).isEqualTo("CPU 75% of 2 cores, 0.150 CPU-s per call ended");

        cpu.addAndGet(400_000_000L);
        wall.addAndGet(1_000_000_000L);
        CpuMeter.Use second = meter.window(14);

        assertThat(second.busyShare()).isCloseTo(0.2, within(1e-9));
        assertThat(second.secondsPerCall()).isCloseTo(0.1, within(1e-9));
    }

    @Test
    void theWholeRunCountsFromTheMeterBeingMadeWhateverWindowsWereTaken() {
        cpu.addAndGet(1_000_000_000L);
        wall.addAndGet(1_000_000_000L);
        meter.window(3);
        cpu.addAndGet(3_000_000_000L);
        wall.addAndGet(1_000_000_000L);

        CpuMeter.Use run = meter.wholeRun(20);

        assertThat(run.busyShare()).isCloseTo(1.0, within(1e-9));
        assertThat(run.secondsPerCall()).isCloseTo(0.2, within(1e-9));
    }

    @Test
    void aWindowWithNoCallEndedSaysSoInsteadOfDividingByZero() {
        cpu.addAndGet(200_000_000L);
        wall.addAndGet(1_000_000_000L);

        CpuMeter.Use idle = meter.window(0);

        assertThat(idle.secondsPerCall()).isNegative();
        assertThat(idle.format()).isEqualTo("CPU 10% of 2 cores, no call ended");
        assertThat(CpuMeter.Use.UNKNOWN.format()).isEqualTo("CPU unknown");
    }

    @Test
    void thisProcessIsMeasuredWhereTheJvmCanTell() {
        CpuMeter own = CpuMeter.ofThisProcess();
        assertThat(own).isNotNull();
        long spin = System.nanoTime() + 50_000_000L;
        long sum = 0;
        while (System.nanoTime() < spin) {
            sum += System.identityHashCode(new Object());
        }
        CpuMeter.Use used = own.window(1);
        assertThat(sum).isNotZero();
        assertThat(used.cpuNanos()).isPositive();
        assertThat(used.busyShare()).isPositive();
    }
}

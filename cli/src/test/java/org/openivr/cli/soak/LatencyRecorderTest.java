package org.openivr.cli.soak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {
    @Test
    void valuesBeforeTheSteadyPartCountInTheWholeRunAndTheNextIntervalOnly() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.recordNanos(40_000_000);
        recorder.startSteady();
        recorder.recordNanos(2_000_000);

        LatencySummary interval = recorder.interval();
        assertThat(interval.count()).isEqualTo(2);
        assertThat(recorder.total().count()).isEqualTo(2);
        assertThat(recorder.steady().count()).isEqualTo(1);
        assertThat(recorder.steady().maxMillis()).isBetween(1.99, 2.01);

        recorder.recordNanos(3_000_000);
        assertThat(recorder.interval().count()).isEqualTo(1);
        assertThat(recorder.total().count()).isEqualTo(3);
        assertThat(recorder.steady().count()).isEqualTo(2);
    }

    @Test
    void valuesBeyondAMinuteAreClampedToAMinute() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.recordNanos(3_600_000_000_000L);
        assertThat(recorder.interval().maxMillis()).isBetween(59_900.0, 60_100.0);
    }
}

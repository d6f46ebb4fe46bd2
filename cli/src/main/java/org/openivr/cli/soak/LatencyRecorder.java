package org.openivr.cli.soak;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies from many threads, read as intervals (what happened since the last report) and as the whole run.
 * Values above a minute are clamped to a minute: nothing this measures should come near it, and a clamped value
 * still shows as the maximum.
 */
final class LatencyRecorder {
    private static final long HIGHEST = TimeUnit.MINUTES.toNanos(1);
    private final Recorder recorder = new Recorder(HIGHEST, 3);
    private final Histogram total = new Histogram(HIGHEST, 3);
    private Histogram recycled;

    void recordNanos(long nanos) {
        recorder.recordValue(Math.max(0, Math.min(HIGHEST, nanos)));
    }

    /** What was recorded since the previous call; also added to {@link #total()}. */
    synchronized LatencySummary interval() {
        Histogram interval = recorder.getIntervalHistogram(recycled);
        total.add(interval);
        recycled = interval;
        return LatencySummary.of(interval);
    }

    /** Everything recorded up to the last {@link #interval()}. */
    synchronized LatencySummary total() {
        return LatencySummary.of(total);
    }
}

package org.openivr.cli.soak;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies from many threads, read as intervals (what happened since the last report), as the whole run, and as
 * the steady part of the run (after the ramp-up, when a cold JVM meets its first burst of calls). Values above a
 * minute are clamped to a minute: nothing this measures should come near it, and a clamped value still shows as
 * the maximum.
 */
final class LatencyRecorder {
    private static final long HIGHEST = TimeUnit.MINUTES.toNanos(1);
    private final Recorder recorder = new Recorder(HIGHEST, 3);
    private final Histogram total = new Histogram(HIGHEST, 3);
    private final Histogram steady = new Histogram(HIGHEST, 3);
    private boolean steadyStarted;
    /** Taken out of the recorder by {@link #startSteady()}: still to be shown by the next interval. */
    private Histogram beforeSteady;
    private Histogram recycled;

    void recordNanos(long nanos) {
        recorder.recordValue(Math.max(0, Math.min(HIGHEST, nanos)));
    }

    /** What was recorded since the previous call; also added to {@link #total()} (and {@link #steady()}). */
    synchronized LatencySummary interval() {
        Histogram interval = recorder.getIntervalHistogram(recycled);
        total.add(interval);
        if (steadyStarted) {
            steady.add(interval);
        }
        recycled = interval;
        if (beforeSteady != null) {
            Histogram shown = interval.copy();
            shown.add(beforeSteady);
            beforeSteady = null;
            return LatencySummary.of(shown);
        }
        return LatencySummary.of(interval);
    }

    /** From now on values also count as steady; what came before stays in the interval and the total only. */
    synchronized void startSteady() {
        beforeSteady = recorder.getIntervalHistogram();
        total.add(beforeSteady);
        steadyStarted = true;
    }

    /** Everything recorded up to the last {@link #interval()}. */
    synchronized LatencySummary total() {
        return LatencySummary.of(total);
    }

    /** What was recorded after {@link #startSteady()}, up to the last {@link #interval()}. */
    synchronized LatencySummary steady() {
        return LatencySummary.of(steady);
    }
}

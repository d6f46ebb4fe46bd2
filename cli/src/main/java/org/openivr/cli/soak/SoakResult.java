package org.openivr.cli.soak;

import java.time.Duration;
import java.util.List;

/** Everything a soak run measured. */
record SoakResult(SoakTally.Counts counts, List<SoakSample> samples, Latencies timeToAnswer, Latencies eventToAction,
                  EventToAction.CallbackCounts callbacks, List<SlowestSamples.Slow> slowestEventToAction,
                  Latencies signalToActivity, long failedProbeSignals, long skippedProbeTicks,
                  RetainedHistories.Estimate histories, StepRepeats.Counts repeats, List<String> repeatExamples,
                  List<String> problems, CpuMeter.Use cpu, boolean temporalInProcess, Duration took) {

    /** Every call met its expect, and no ACS step was done twice. */
    boolean clean() {
        return counts.clean() && repeats.doneTwice() == 0;
    }

    /** After the ramp-up, and over the whole run. */
    record Latencies(LatencySummary steady, LatencySummary wholeRun) {
        String format() {
            return steady.format() + "   [whole run: " + wholeRun.format() + "]";
        }
    }
}

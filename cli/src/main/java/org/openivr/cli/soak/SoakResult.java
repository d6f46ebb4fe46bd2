package org.openivr.cli.soak;

import java.time.Duration;
import java.util.List;

/** Everything a soak run measured. */
record SoakResult(SoakTally.Counts counts, List<SoakSample> samples, Latencies timeToAnswer, Latencies eventToAction,
                  EventToAction.CallbackCounts callbacks, List<SlowestSamples.Slow> slowestEventToAction,
                  Latencies signalToActivity, long failedProbeSignals, long skippedProbeTicks,
                  RetainedHistories.Estimate histories, List<String> problems, Duration took) {

    /** After the ramp-up, and over the whole run. */
    record Latencies(LatencySummary steady, LatencySummary wholeRun) {
        String format() {
            return steady.format() + "   [whole run: " + wholeRun.format() + "]";
        }
    }
}

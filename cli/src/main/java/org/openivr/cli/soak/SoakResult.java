package org.openivr.cli.soak;

import java.time.Duration;
import java.util.List;

/** Everything a soak run measured. */
record SoakResult(SoakTally.Counts counts, List<SoakSample> samples, LatencySummary timeToAnswer,
                  LatencySummary eventToAction,
                  EventToAction.CallbackCounts callbacks, LatencySummary signalToActivity, long failedProbeSignals,
                  long skippedProbeTicks,
                  RetainedHistories.Estimate histories, List<String> problems, Duration took) {}

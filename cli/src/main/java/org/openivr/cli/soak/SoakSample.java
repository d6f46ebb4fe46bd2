package org.openivr.cli.soak;

import java.time.Duration;

/** One periodic report: where the run stood, the heap and CPU since the previous one, latencies in that interval. */
record SoakSample(Duration elapsed, SoakTally.Counts counts, HeapSampler.HeapWindow heap, CpuMeter.Use cpu,
                  RetainedHistories.Estimate histories, LatencySummary timeToAnswer, LatencySummary eventToAction, LatencySummary signalToActivity) {}

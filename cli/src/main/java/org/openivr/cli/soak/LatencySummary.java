package org.openivr.cli.soak;

import org.HdrHistogram.Histogram;

/** How many latencies were measured, and their median, 99th percentile and maximum, in milliseconds. */
public record LatencySummary(long count, double p50Millis, double p99Millis, double maxMillis) {

    static LatencySummary of(Histogram nanos) {
        if (nanos.getTotalCount() == 0) {
            return new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN);
        }
        return new LatencySummary(nanos.getTotalCount(), millis(nanos.getValueAtPercentile(50)),
                millis(nanos.getValueAtPercentile(99)), millis(nanos.getMaxValue()));
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** {@code p50 1.2 / p99 8.4 / max 31.0 ms (n=1234)}, or {@code none} before the first sample. */
    public String format() {
        if (count == 0) {
            return "none";
        }
        return String.format("p50 %.1f / p99 %.1f / max %.1f ms (n=%d)", p50Millis, p99Millis, maxMillis, count);
    }
}

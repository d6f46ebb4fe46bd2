package org.openivr.cli.soak;

import java.time.Duration;
import java.util.List;

/**
 * One soak run.
 *
 * @param calls       calls kept in flight: a new one starts whenever one ends
 * @param length      how long new calls keep starting; the calls in flight then run to their end
 * @param rampUp      how long it takes to reach {@code calls} in flight (linearly); latencies after it count as steady
 * @param deadline    a call still running this long after it was placed is stuck
 * @param reportEvery how often progress, memory and latencies are printed
 * @param probeEvery  how often the Temporal probe workflow is signalled
 * @param retention   how long the embedded Temporal server and the emulator keep an ended call (a cluster keeps its own)
 * @param liveHeap    force a full collection at each report and print the live heap (a pause each time)
 * @param timeScale   the emulator's time scale (0.25: emulated time runs four times faster than real time)
 * @param flows       only these flows' scripted calls; empty for all
 */
public record SoakSettings(int calls, Duration length, Duration rampUp, Duration deadline, Duration reportEvery, Duration probeEvery,
                           Duration retention, boolean liveHeap, double timeScale, List<String> flows) {
    public SoakSettings {
        if (calls < 1) {
            throw new IllegalArgumentException("--calls must be at least 1, not " + calls);
        }
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("--minutes must be more than 0");
        }
        if (rampUp.isNegative()) {
            throw new IllegalArgumentException("--ramp-up must not be negative");
        }
        if (deadline.isNegative() || deadline.isZero() || reportEvery.isNegative() || reportEvery.isZero()
                || probeEvery.isNegative() || probeEvery.isZero()) {
            throw new IllegalArgumentException("--deadline, --report-every and --probe-every must be more than 0");
        }
        if (retention.isNegative()) {
            throw new IllegalArgumentException("--retention must not be negative");
        }
        flows = List.copyOf(flows);
    }
}

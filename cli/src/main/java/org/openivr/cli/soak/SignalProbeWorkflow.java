package org.openivr.cli.soak;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Temporal alone, for comparison with a call: waits for a signal, then runs one no-op activity that notes how long
 * after the signal was sent it started. Handles a fixed number of signals, then ends; the prober then starts the
 * next one, so its history stays as short as a call's (continuing as new would race the signals: a signal that
 * arrives while the run completes makes the test server reject the completion).
 */
@WorkflowInterface
public interface SignalProbeWorkflow {
    /** @param pings how many signals this run handles before it ends */
    @WorkflowMethod
    void run(int pings);

    /** @param sentNanos the sender's {@code System.nanoTime()} just before signalling (same JVM as the worker) */
    @SignalMethod
    void ping(long sentNanos);
}

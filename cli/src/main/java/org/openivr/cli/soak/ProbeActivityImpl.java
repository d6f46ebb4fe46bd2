package org.openivr.cli.soak;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Records signal sent to activity started (the sender and this worker share the JVM, so nanoTime compares), and
 * tells the prober when the signal it sent last has been handled.
 */
final class ProbeActivityImpl implements ProbeActivity {
    private final LatencyRecorder recorder;
    private final AtomicBoolean awaiting = new AtomicBoolean();

    ProbeActivityImpl(LatencyRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public void started(long sentNanos) {
        recorder.recordNanos(System.nanoTime() - sentNanos);
        awaiting.set(false);
    }

    /** No signal is waiting for its activity. */
    boolean idle() {
        return !awaiting.get();
    }

    /** A signal is about to be sent. */
    void sent() {
        awaiting.set(true);
    }

    /** The signal could not be sent. */
    void abandon() {
        awaiting.set(false);
    }

    LatencyRecorder recorder() {
        return recorder;
    }
}

package org.openivr.worker.media;

import org.openivr.workflows.AudioSignal;

/** Where audio edges go: one call's workflow. */
public interface AudioSignalSink {

    /** The Temporal signal name the call workflow receives audio edges on ({@code CallWorkflow.onAudio}). */
    String SIGNAL = "onAudio";

    void send(String callId, AudioSignal signal);
}

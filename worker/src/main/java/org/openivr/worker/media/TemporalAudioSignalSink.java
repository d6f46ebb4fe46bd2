package org.openivr.worker.media;

import io.temporal.client.WorkflowClient;
import org.openivr.workflows.AudioSignal;

/**
 * Signals the call's workflow: {@code newUntypedWorkflowStub(callId).signal("onAudio", signal)}. Blocking (a gRPC
 * call): only ever used behind {@link AsyncAudioSignalSender}.
 */
public final class TemporalAudioSignalSink implements AudioSignalSink {
    private final WorkflowClient client;

    public TemporalAudioSignalSink(WorkflowClient client) {
        this.client = client;
    }

    @Override
    public void send(String callId, AudioSignal signal) {
        client.newUntypedWorkflowStub(callId).signal(SIGNAL, signal);
    }
}

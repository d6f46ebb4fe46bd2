package org.openivr.worker;

import io.temporal.common.interceptors.WorkflowClientCallsInterceptor;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowClientInterceptorBase;
import java.util.Locale;
import org.openivr.workflows.AudioSignal;
import org.openivr.workflows.metrics.IvrMetrics;

/**
 * Counts the audio signals the streaming worker sends to calls ({@code onAudio} through this process's
 * WorkflowClient) as {@code ivr_audio_signals_total{kind}}, so the streaming code needs no metrics call of its own
 * for them. A signal that fails is not counted here: the sender counts it as dropped.
 */
public class AudioSignalsCounter extends WorkflowClientInterceptorBase {
    static final String AUDIO_SIGNAL = "onAudio";
    private final IvrMetrics metrics;

    public AudioSignalsCounter(IvrMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public WorkflowClientCallsInterceptor workflowClientCallsInterceptor(WorkflowClientCallsInterceptor next) {
        return new WorkflowClientCallsInterceptorBase(next) {
            @Override
            public WorkflowSignalOutput signal(WorkflowSignalInput input) {
                WorkflowSignalOutput output = super.signal(input);
                if (AUDIO_SIGNAL.equals(input.getSignalName()) && input.getArguments().length == 1
                        && input.getArguments()[0] instanceof AudioSignal audio) {
                    metrics.audioSignal(audio.kind().name().toLowerCase(Locale.ROOT));
                }
                return output;
            }
        };
    }
}

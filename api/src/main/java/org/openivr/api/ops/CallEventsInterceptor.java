package org.openivr.api.ops;

import io.temporal.common.interceptors.WorkflowClientCallsInterceptor;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowClientInterceptorBase;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.openivr.workflows.CallEvent;
import org.openivr.workflows.CallEventKind;
import org.openivr.workflows.metrics.IvrMetrics;

/**
 * Sees every callback event the API hands to a call (the {@code onEvent} signal) and every call it starts, without
 * touching the controllers: counts events by type, counts ACS's *Failed events as failures of their operation, and
 * starts the call's event-to-action clock, which the worker stops when the call's next ACS request leaves
 * ({@link IvrMetrics#acsRequestSent}). Starting a call counts as its first event (IncomingCall -> answer).
 */
public class CallEventsInterceptor extends WorkflowClientInterceptorBase {
    static final String EVENT_SIGNAL = "onEvent";
    private static final Map<CallEventKind, String> FAILED_OPERATION = Map.of(
            CallEventKind.PLAY_FAILED, "play",
            CallEventKind.RECOGNIZE_FAILED, "recognizeKeys",
            CallEventKind.SEND_DTMF_FAILED, "sendDtmf",
            CallEventKind.CONTINUOUS_DTMF_TONE_FAILED, "startContinuousDtmf",
            CallEventKind.HOLD_FAILED, "hold",
            CallEventKind.CALL_TRANSFER_FAILED, "transfer",
            CallEventKind.MEDIA_STREAMING_FAILED, "startMediaStreaming",
            CallEventKind.START_RECORDING_FAILED, "startRecording",
            CallEventKind.CREATE_CALL_FAILED, "createCall");
    /** Events a call answers with its next step; the others (participants, recording state, tones) start no clock. */
    static final Set<CallEventKind> ACTED_ON = EnumSet.of(CallEventKind.CALL_CONNECTED, CallEventKind.PLAY_COMPLETED,
            CallEventKind.PLAY_FAILED, CallEventKind.RECOGNIZE_COMPLETED, CallEventKind.RECOGNIZE_FAILED,
            CallEventKind.SEND_DTMF_COMPLETED, CallEventKind.SEND_DTMF_FAILED, CallEventKind.HOLD_FAILED,
            CallEventKind.CALL_TRANSFER_FAILED, CallEventKind.MEDIA_STREAMING_STARTED,
            CallEventKind.MEDIA_STREAMING_STOPPED, CallEventKind.MEDIA_STREAMING_FAILED,
            CallEventKind.START_RECORDING_FAILED);
    private final IvrMetrics metrics;

    public CallEventsInterceptor(IvrMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public WorkflowClientCallsInterceptor workflowClientCallsInterceptor(WorkflowClientCallsInterceptor next) {
        return new WorkflowClientCallsInterceptorBase(next) {
            @Override
            public WorkflowStartOutput start(WorkflowStartInput input) {
                WorkflowStartOutput output = super.start(input);
                if (CallDirectory.CALL_WORKFLOW.equals(input.getWorkflowType())) {
                    metrics.eventReceived(input.getWorkflowId());
                }
                return output;
            }

            @Override
            public WorkflowSignalOutput signal(WorkflowSignalInput input) {
                WorkflowSignalOutput output = super.signal(input);
                if (EVENT_SIGNAL.equals(input.getSignalName()) && input.getArguments().length == 1
                        && input.getArguments()[0] instanceof CallEvent event) {
                    observe(input.getWorkflowExecution().getWorkflowId(), event);
                }
                return output;
            }
        };
    }

    void observe(String callId, CallEvent event) {
        metrics.callbackEvent(event.shortType());
        if (ACTED_ON.contains(event.kind())) {
            metrics.eventReceived(callId);
        }
        String failed = FAILED_OPERATION.get(event.kind());
        if (failed != null) {
            metrics.acsFailure(failed, "event");
        }
    }
}

package org.openivr.workflows;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One phone call: runs its pinned flow from answer to hang-up. */
@WorkflowInterface
public interface CallWorkflow {
    String TASK_QUEUE = "ivr-calls";

    @WorkflowMethod
    CallResult run(CallInput input);

    /** An ACS callback event for this call. Duplicates (same id) are ignored. */
    @SignalMethod
    void onEvent(CallEvent event);

    /** What the streaming worker heard on the call's audio. Duplicates (same id) are ignored. */
    @SignalMethod
    void onAudio(AudioSignal signal);

    /** An operator ends the call cleanly: the current node stops, ACS hangs up, the call ends hungup-by-operator. */
    @SignalMethod
    void hangUp();

    @QueryMethod
    CallStateView state();
}

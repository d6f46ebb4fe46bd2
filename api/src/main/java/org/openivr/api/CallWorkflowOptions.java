package org.openivr.api;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import org.openivr.workflows.CallSearchAttributes;
import org.openivr.workflows.CallWorkflow;
import org.openivr.workflows.PinnedFlow;

/** How every call's workflow starts, inbound or outbound: the options both starters must agree on. */
final class CallWorkflowOptions {
    private CallWorkflowOptions() {}

    /**
     * The workflow id is the call id and is never reused, even after the call ended: a redelivered IncomingCall
     * or a repeated Idempotency-Key cannot start a second call (as long as Temporal keeps the history).
     *
     * @param state the {@code CallState} search attribute until the workflow sets its own
     */
    static WorkflowOptions.Builder forCall(String callId, PinnedFlow flow, String state) {
        return WorkflowOptions.newBuilder()
                .setWorkflowId(callId)
                .setTaskQueue(CallWorkflow.TASK_QUEUE)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .setTypedSearchAttributes(SearchAttributes.newBuilder()
                        .set(CallSearchAttributes.FLOW_NAME, flow.name())
                        .set(CallSearchAttributes.FLOW_HASH, flow.contentHash())
                        .set(CallSearchAttributes.CALL_STATE, state)
                        .build());
    }
}

package org.openivr.worker.media;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call id is valid when Temporal describes a running {@code CallWorkflow} with that workflow id. The URL ACS
 * streams to names the call ({@code /ws/media/<callId>}, see {@code AcsSettings.mediaStreamingUri}); anything
 * else — an unknown id, a finished call, a recording workflow's id, Temporal unreachable — is refused.
 */
public final class TemporalCallValidator implements CallValidator {
    private static final Logger log = LoggerFactory.getLogger(TemporalCallValidator.class);
    static final String CALL_WORKFLOW_TYPE = "CallWorkflow";

    private final WorkflowClient client;

    public TemporalCallValidator(WorkflowClient client) {
        this.client = client;
    }

    @Override
    public boolean isRunningCall(String callId) {
        try {
            WorkflowExecutionDescription description = client.newUntypedWorkflowStub(callId).describe();
            boolean running = description.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
            boolean call = CALL_WORKFLOW_TYPE.equals(description.getWorkflowType());
            if (!running || !call) {
                log.info("media stream for {} refused: {} {}", callId, description.getWorkflowType(),
                        description.getStatus());
            }
            return running && call;
        } catch (RuntimeException e) {
            log.info("media stream for {} refused: {}", callId, e.getMessage());
            return false;
        }
    }
}

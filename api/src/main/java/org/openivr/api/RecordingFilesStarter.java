package org.openivr.api;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import org.openivr.workflows.recording.RecordingFileStatus;
import org.openivr.workflows.recording.RecordingFilesInput;
import org.openivr.workflows.recording.RecordingIds;
import org.openivr.workflows.recording.RecordingWorkflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hands a {@code RecordingFileStatusUpdated} to the recording's {@link RecordingWorkflow} by signal-with-start:
 * the workflow keyed by the recording id is started if it is not running, and signalled either way. A redelivery
 * to a running workflow is ignored by the workflow (same event id, or no new chunk); to one that completed, it is
 * refused by the id reuse policy (only a failed run may be started again) and answered as done.
 */
@Component
public class RecordingFilesStarter {
    private static final Logger log = LoggerFactory.getLogger(RecordingFilesStarter.class);

    public enum Outcome { SIGNALLED, ALREADY_COMPLETED }

    private final WorkflowClient client;

    public RecordingFilesStarter(WorkflowClient client) {
        this.client = client;
    }

    public Outcome deliver(RecordingFileStatus status) {
        String workflowId = RecordingIds.workflowId(status.recordingId());
        RecordingWorkflow workflow = client.newWorkflowStub(RecordingWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(RecordingWorkflow.TASK_QUEUE)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
                .build());
        BatchRequest request = client.newSignalWithStartRequest();
        request.add(workflow::run, new RecordingFilesInput(status.recordingId()));
        request.add(workflow::fileStatusUpdated, status);
        try {
            client.signalWithStart(request);
        } catch (WorkflowExecutionAlreadyStarted e) {
            log.info("{} RecordingFileStatusUpdated {} delivered again after its files were handled; ignored",
                    workflowId, status.eventId());
            return Outcome.ALREADY_COMPLETED;
        }
        log.info("{} RecordingFileStatusUpdated {}: {} chunk(s), call {}", workflowId, status.eventId(),
                status.chunks().size(), status.correlationId());
        return Outcome.SIGNALLED;
    }
}

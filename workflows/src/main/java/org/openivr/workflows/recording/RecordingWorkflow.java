package org.openivr.workflows.recording;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Takes care of one recording's files: stores every chunk's content and metadata, then deletes the chunk at
 * the source. Started by signal-with-start from the API on {@code RecordingFileStatusUpdated}, with workflow id
 * {@link RecordingIds#workflowId(String)} and signal {@link #SIGNAL}; a redelivered event (same event id, or
 * only chunks it already knows) changes nothing. It outlives the call on purpose.
 *
 * <p>It completes once every announced chunk is stored and deleted at the source and no new event came for
 * {@link RecordingWorkflowImpl#QUIET_PERIOD}. It fails, after handling every chunk it can, when a chunk could
 * not be stored (the chunk is then left at the source) or was gone at the source before it was stored.
 */
@WorkflowInterface
public interface RecordingWorkflow {
    String TASK_QUEUE = "ivr-recordings";
    String SIGNAL = "recordingFileStatusUpdated";
    /** Failure type of a run that could not store (or delete) every chunk. */
    String INCOMPLETE = "RecordingFilesIncomplete";

    @WorkflowMethod
    RecordingFilesReport run(RecordingFilesInput input);

    @SignalMethod(name = SIGNAL)
    void fileStatusUpdated(RecordingFileStatus status);

    @QueryMethod
    RecordingFilesReport report();
}

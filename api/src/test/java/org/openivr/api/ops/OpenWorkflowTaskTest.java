package org.openivr.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingWorkflowTaskInfo;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openivr.workflows.CallStateView;

/**
 * A call that waits for nothing while one of its workflow tasks stays open makes no progress: a worker cannot finish
 * the task, or the server never hands it out again (the embedded test server's temporalio/sdk-java#3088). Its state
 * query still answers, from the worker's cache, so only the open task shows it.
 */
class OpenWorkflowTaskTest {
    private static final long NOW = 1_800_000_000_000L;
    private final CallDirectory directory = new CallDirectory(null, DefaultDataConverter.newDefaultInstance(), "default",
            new StuckRule(Duration.ofSeconds(60)), Duration.ofSeconds(5));

    private static WorkflowExecutionInfo running() {
        return WorkflowExecutionInfo.newBuilder()
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId("call-1").setRunId("run-1"))
                .setStatus(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
                .setStartTime(Timestamps.fromMillis(NOW - 600_000)).build();
    }

    private static CallStateView waitingForNothing() {
        return new CallStateView("call-1", "voice-line", "hash", "running", "to-agent", null, 0, Map.of(), List.of(),
                List.of(), null, null);
    }

    private static HistoryEvent event(EventType type, long at) {
        return HistoryEvent.newBuilder().setEventType(type).setEventTime(Timestamps.fromMillis(at)).build();
    }

    @Test
    void aTaskOpenLongerThanTheSlackMakesTheCallStuck() {
        CallSummary stuck = directory.judge(running(), List.of(), waitingForNothing(), NOW - 300_000, NOW);

        assertThat(stuck.verdict()).isEqualTo(CallSummary.STUCK);
        assertThat(stuck.reason()).isEqualTo("no progress at 'to-agent': a workflow task has been open for 300s and "
                + "Temporal has neither completed it nor handed it out again; allowed 60s (default + slack 60s)");
        assertThat(stuck.allowedMillis()).isEqualTo(60_000);
    }

    @Test
    void aTaskOpenWithinTheSlackOrNoneAtAllIsProgress() {
        assertThat(directory.judge(running(), List.of(), waitingForNothing(), NOW - 59_000, NOW).verdict())
                .as("a task open for 59 s").isEqualTo(CallSummary.OK);
        assertThat(directory.judge(running(), List.of(), waitingForNothing(), 0, NOW).verdict())
                .as("no open task").isEqualTo(CallSummary.OK);
    }

    @Test
    void theOpenTaskComesFromDescribeWhenTheServerSaysElseFromTheHistory() {
        DescribeWorkflowExecutionResponse cluster = DescribeWorkflowExecutionResponse.newBuilder()
                .setPendingWorkflowTask(PendingWorkflowTaskInfo.newBuilder()
                        .setScheduledTime(Timestamps.fromMillis(NOW - 90_000))
                        .setStartedTime(Timestamps.fromMillis(NOW - 80_000)))
                .build();
        DescribeWorkflowExecutionResponse testServer = DescribeWorkflowExecutionResponse.getDefaultInstance();

        assertThat(CallDirectory.openWorkflowTaskSince(cluster, List.of())).isEqualTo(NOW - 80_000);
        assertThat(CallDirectory.openWorkflowTaskSince(testServer, List.of(
                event(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, NOW - 200_000),
                event(EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, NOW - 120_000),
                event(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, NOW - 110_000)))).isEqualTo(NOW - 110_000);
        assertThat(CallDirectory.openWorkflowTaskSince(testServer, List.of(
                event(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, NOW - 200_000),
                event(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, NOW - 199_000))))
                .as("waiting on an activity, not a workflow task").isZero();
        assertThat(CallDirectory.openWorkflowTaskSince(testServer, List.of())).isZero();
    }
}

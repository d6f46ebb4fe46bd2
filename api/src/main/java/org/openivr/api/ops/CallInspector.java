package org.openivr.api.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.SignalWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.TerminateWorkflowExecutionRequest;
import io.temporal.common.converter.DataConverter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.openivr.workflows.AudioSignal;
import org.openivr.workflows.CallEvent;
import org.openivr.workflows.CallStateView;

/**
 * Builds the {@link CallReport} of one call from Temporal: describe (status, pending activities), the call's
 * {@code state} query (its timeline, already masked), the history (ACS operations as activities, callback events as
 * signals, retries and failures) and {@code __stack_trace}. Also the two operator actions: hang up cleanly (the
 * {@code hangUp} signal) and terminate.
 *
 * <p>What the caller typed never leaves through here except as the state query shows it: activity inputs are read
 * only for their {@code operationContext}, and events only for their type, context and result code.
 */
public final class CallInspector {
    public static final String HANG_UP_SIGNAL = "hangUp";
    static final String AUDIO_SIGNAL = "onAudio";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CallDirectory directory;

    public CallInspector(CallDirectory directory) {
        this.directory = directory;
    }

    /** The report, or empty when Temporal knows no call of that id. */
    public Optional<CallReport> inspect(String callId) {
        WorkflowExecution execution = WorkflowExecution.newBuilder().setWorkflowId(callId).build();
        DescribeWorkflowExecutionResponse described;
        try {
            described = directory.describe(execution);
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        WorkflowExecutionInfo info = described.getWorkflowExecutionInfo();
        execution = info.getExecution();
        boolean running = info.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;

        CallStateView state = null;
        String stateError = null;
        try {
            state = directory.state(execution).orElse(null);
        } catch (RuntimeException e) {
            stateError = CallDirectory.shortError(e);
        }
        String stackTrace = null;
        String stackTraceError = null;
        if (running) {
            try {
                stackTrace = directory.stackTrace(execution);
            } catch (RuntimeException e) {
                stackTraceError = CallDirectory.shortError(e);
            }
        }
        List<HistoryEvent> history = directory.history(execution);
        CallSummary summary = stateError == null
                ? directory.judge(info, described.getPendingActivitiesList(), state,
                        CallDirectory.openWorkflowTaskSince(described, history), System.currentTimeMillis())
                : CallDirectory.fromSearchAttributes(info, running ? CallSummary.UNKNOWN : CallSummary.ENDED,
                        "the state query did not answer (" + stateError + ")");

        String awaited = awaitedContext(state);
        List<CallReport.Event> events = new ArrayList<>();
        List<CallReport.Failure> failures = new ArrayList<>();
        List<CallReport.Operation> operations = operations(history, events, failures, awaited);
        List<CallReport.Pending> pending = described.getPendingActivitiesList().stream().map(CallInspector::pending).toList();
        return Optional.of(new CallReport(callId, execution.getRunId(), statusName(info.getStatus()),
                CallDirectory.millis(info.getStartTime()), info.hasCloseTime() ? CallDirectory.millis(info.getCloseTime()) : 0,
                info.getHistoryLength(), summary, state, stateError, operations, events, failures, pending, stackTrace,
                stackTraceError));
    }

    /** Asks the call to hang up cleanly: the current node stops, ACS hangs up, the call ends normally. */
    public void hangUp(String callId) {
        directory.stub().signalWorkflowExecution(SignalWorkflowExecutionRequest.newBuilder()
                .setNamespace(directory.namespace())
                .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(callId).build())
                .setSignalName(HANG_UP_SIGNAL).setIdentity("ivr-operator").setRequestId(UUID.randomUUID().toString())
                .build());
    }

    /** Ends the workflow at once: no hang-up reaches ACS, so the phone call itself may stay up until ACS drops it. */
    public void terminate(String callId, String reason) {
        directory.stub().terminateWorkflowExecution(TerminateWorkflowExecutionRequest.newBuilder()
                .setNamespace(directory.namespace())
                .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(callId).build())
                .setReason(reason == null || reason.isBlank() ? "terminated by an operator" : reason)
                .setIdentity("ivr-operator").build());
    }

    // ---- history ----

    private List<CallReport.Operation> operations(List<HistoryEvent> history, List<CallReport.Event> events,
                                                  List<CallReport.Failure> failures, String awaited) {
        Map<Long, OperationBuilder> byScheduledId = new LinkedHashMap<>();
        Map<String, OperationBuilder> byContext = new LinkedHashMap<>();
        for (HistoryEvent event : history) {
            long at = CallDirectory.millis(event.getEventTime());
            switch (event.getEventType()) {
                case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
                    var attributes = event.getActivityTaskScheduledEventAttributes();
                    OperationBuilder op = new OperationBuilder(
                            CallDirectory.operationName(attributes.getActivityType().getName()),
                            operationContext(directory.converter(), attributes.getInput()), at);
                    byScheduledId.put(event.getEventId(), op);
                    if (op.context != null) {
                        byContext.put(op.context, op);
                    }
                }
                case EVENT_TYPE_ACTIVITY_TASK_STARTED -> {
                    var attributes = event.getActivityTaskStartedEventAttributes();
                    OperationBuilder op = byScheduledId.get(attributes.getScheduledEventId());
                    if (op != null) {
                        op.attempts = attributes.getAttempt();
                        if (attributes.hasLastFailure() && attributes.getAttempt() > 1) {
                            op.lastRetry = attributes.getLastFailure().getMessage();
                            failures.add(new CallReport.Failure(at, "retry", op.operation, attributes.getAttempt() - 1,
                                    message(attributes.getLastFailure())));
                        }
                    }
                }
                case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> close(byScheduledId.get(
                        event.getActivityTaskCompletedEventAttributes().getScheduledEventId()), "completed", at, null);
                case EVENT_TYPE_ACTIVITY_TASK_FAILED -> {
                    var attributes = event.getActivityTaskFailedEventAttributes();
                    OperationBuilder op = byScheduledId.get(attributes.getScheduledEventId());
                    String message = message(attributes.getFailure());
                    close(op, "failed", at, message);
                    failures.add(new CallReport.Failure(at, "activity-failed", op == null ? null : op.operation,
                            op == null ? 0 : op.attempts, message));
                }
                case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> {
                    var attributes = event.getActivityTaskTimedOutEventAttributes();
                    OperationBuilder op = byScheduledId.get(attributes.getScheduledEventId());
                    String message = message(attributes.getFailure());
                    close(op, "timed-out", at, message);
                    failures.add(new CallReport.Failure(at, "activity-timed-out", op == null ? null : op.operation,
                            op == null ? 0 : op.attempts, message));
                }
                case EVENT_TYPE_ACTIVITY_TASK_CANCELED -> close(byScheduledId.get(
                        event.getActivityTaskCanceledEventAttributes().getScheduledEventId()), "canceled", at, null);
                case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED -> {
                    var attributes = event.getWorkflowExecutionSignaledEventAttributes();
                    CallReport.Event received = signal(attributes.getSignalName(), attributes.getInput(), at);
                    events.add(received);
                    OperationBuilder op = received.context() == null ? null : byContext.get(received.context());
                    if (op != null) {
                        op.results.add(received.type() + " +" + seconds(at - op.scheduledAt)
                                + (received.result() == null ? "" : " " + received.result()));
                    }
                }
                case EVENT_TYPE_WORKFLOW_TASK_FAILED -> {
                    var attributes = event.getWorkflowTaskFailedEventAttributes();
                    failures.add(new CallReport.Failure(at, "workflow-task-failed", null, 0,
                            attributes.getCause().name().replace("WORKFLOW_TASK_FAILED_CAUSE_", "") + ": "
                                    + message(attributes.getFailure())));
                }
                case EVENT_TYPE_WORKFLOW_EXECUTION_FAILED -> failures.add(new CallReport.Failure(at, "call-failed", null, 0,
                        message(event.getWorkflowExecutionFailedEventAttributes().getFailure())));
                default -> {
                    // timers, workflow tasks, search-attribute upserts: the timeline tells those better
                }
            }
        }
        return byScheduledId.values().stream().map(op -> op.build(awaited)).toList();
    }

    private static void close(OperationBuilder op, String outcome, long at, String failure) {
        if (op != null) {
            op.outcome = outcome;
            op.closedAt = at;
            op.failure = failure;
        }
    }

    /** A signal as an event line: type, operation context and result; never the keys it may carry. */
    private CallReport.Event signal(String name, Payloads input, long at) {
        if (AUDIO_SIGNAL.equals(name)) {
            try {
                AudioSignal audio = directory.converter().fromPayloads(0, Optional.of(input), AudioSignal.class,
                        AudioSignal.class);
                // never the key or the words: only what kind of edge, from where, when in the audio
                return new CallReport.Event(at, "audio " + audio.kind(), null,
                        audio.source() + " at " + audio.audioMillis() + "ms of audio");
            } catch (RuntimeException e) {
                return new CallReport.Event(at, "audio (unreadable)", null, null);
            }
        }
        if (!"onEvent".equals(name)) {
            return new CallReport.Event(at, HANG_UP_SIGNAL.equals(name) ? "hang-up requested by an operator" : name,
                    null, null);
        }
        try {
            CallEvent event = directory.converter().fromPayloads(0, Optional.of(input), CallEvent.class, CallEvent.class);
            String message = blankToNull(event.message());
            String result = event.code() == 0 && message == null ? null
                    : event.code() + "/" + event.subCode() + (message == null ? "" : " " + message);
            return new CallReport.Event(at, event.shortType(), blankToNull(event.operationContext()), result);
        } catch (RuntimeException e) {
            return new CallReport.Event(at, "onEvent (unreadable)", null, null);
        }
    }

    /**
     * Only the {@code operationContext} of an activity's input (the rest may hold what the caller typed), read
     * through the converter so an encrypted input is decrypted first; null when it cannot be read.
     */
    static String operationContext(DataConverter converter, Payloads input) {
        if (input.getPayloadsCount() == 0) {
            return null;
        }
        try {
            JsonNode node = converter.fromPayloads(0, Optional.of(input), JsonNode.class, JsonNode.class);
            JsonNode context = node == null ? null : node.get("operationContext");
            if (context != null && context.isTextual()) {
                return blankToNull(context.asText());
            }
            JsonNode nested = node == null ? null : node.findValue("operationContext");
            return nested != null && nested.isTextual() ? blankToNull(nested.asText()) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String awaitedContext(CallStateView state) {
        if (state == null || state.waitingFor() == null) {
            return null;
        }
        int at = state.waitingFor().lastIndexOf("(op ");
        if (at < 0) {
            return null;
        }
        int end = state.waitingFor().indexOf(')', at);
        return end < 0 ? null : state.waitingFor().substring(at + 4, end);
    }

    private static CallReport.Pending pending(PendingActivityInfo activity) {
        return new CallReport.Pending(CallDirectory.operationName(activity.getActivityType().getName()),
                activity.getState().name().replace("PENDING_ACTIVITY_STATE_", "").toLowerCase(),
                activity.getAttempt(), activity.getMaximumAttempts(),
                activity.hasScheduledTime() ? CallDirectory.millis(activity.getScheduledTime()) : 0,
                activity.hasLastStartedTime() ? CallDirectory.millis(activity.getLastStartedTime()) : 0,
                activity.hasNextAttemptScheduleTime() ? CallDirectory.millis(activity.getNextAttemptScheduleTime()) : 0,
                activity.hasLastFailure() ? message(activity.getLastFailure()) : null);
    }

    /** A failure and its causes, one line. */
    static String message(io.temporal.api.failure.v1.Failure failure) {
        StringBuilder text = new StringBuilder(failure.getMessage());
        io.temporal.api.failure.v1.Failure cause = failure.hasCause() ? failure.getCause() : null;
        for (int depth = 0; cause != null && depth < 3; depth++) {
            if (!cause.getMessage().isBlank() && !text.toString().contains(cause.getMessage())) {
                text.append(" <- ").append(cause.getMessage());
            }
            cause = cause.hasCause() ? cause.getCause() : null;
        }
        return text.toString().replaceAll("[\\r\\n]+", " ");
    }

    private static String statusName(WorkflowExecutionStatus status) {
        return status.name().replace("WORKFLOW_EXECUTION_STATUS_", "");
    }

    static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static final class OperationBuilder {
        final String operation;
        final String context;
        final long scheduledAt;
        long closedAt;
        String outcome = "running";
        int attempts = 0;
        String failure;
        String lastRetry;
        final List<String> results = new ArrayList<>();

        OperationBuilder(String operation, String context, long scheduledAt) {
            this.operation = operation;
            this.context = context;
            this.scheduledAt = scheduledAt;
        }

        CallReport.Operation build(String awaited) {
            String why = failure != null ? failure : lastRetry == null ? null : "succeeded after: " + lastRetry;
            return new CallReport.Operation(operation, context, scheduledAt, closedAt, outcome, Math.max(attempts, 1),
                    why, List.copyOf(results), context != null && context.equals(awaited));
        }
    }
}

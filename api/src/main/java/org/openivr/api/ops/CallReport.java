package org.openivr.api.ops;

import java.util.List;
import org.openivr.workflows.CallStateView;

/**
 * Everything an operator sees about one call ({@code ivr inspect ID}, the inspector's call page). What the caller
 * typed appears only as the call's own {@code state} query shows it (masked at sensitive nodes): the report never
 * prints activity inputs or the keys carried by events.
 *
 * @param workflowStatus Temporal's status: RUNNING, COMPLETED, FAILED, TERMINATED, ...
 * @param summary        where the call is and the stuck verdict
 * @param state          the {@code state} query's answer, or null when it did not answer ({@link #stateError})
 * @param operations     the ACS operations the call issued, in order, with their results and events
 * @param events         every callback event the call received, in order
 * @param failures       retries, failed attempts and failed workflow tasks
 * @param pending        ACS requests in flight now (describe), with their last failure
 * @param stackTrace     where the workflow's threads wait ({@code __stack_trace}), or null for a closed call
 */
public record CallReport(String callId, String runId, String workflowStatus, long startedAtMillis, long closedAtMillis,
                         long historyLength, CallSummary summary, CallStateView state, String stateError,
                         List<Operation> operations, List<Event> events, List<Failure> failures,
                         List<Pending> pending, String stackTrace, String stackTraceError) {

    /**
     * One ACS operation (one activity).
     *
     * @param context   the operation context the call put on it ({@code 4/main-menu}), or null
     * @param outcome   completed | failed | timed-out | canceled | running
     * @param attempts  how many times it was tried
     * @param failure   why it failed, or for a completed one what its last retry was about, else null
     * @param results   the events ACS sent for it, e.g. {@code PlayCompleted +2.4s}
     * @param awaited   the call is waiting for this operation's event right now
     */
    public record Operation(String operation, String context, long scheduledAtMillis, long closedAtMillis,
                            String outcome, int attempts, String failure, List<String> results, boolean awaited) {}

    /** One callback event (a signal). {@code result} is its code/subCode and message; keys are never shown. */
    public record Event(long atMillis, String type, String context, String result) {}

    /** @param kind retry | activity-failed | activity-timed-out | workflow-task-failed | call-failed */
    public record Failure(long atMillis, String kind, String operation, int attempt, String message) {}

    /** An activity in flight (describe). */
    public record Pending(String operation, String state, int attempt, int maximumAttempts, long scheduledAtMillis,
                          long lastStartedAtMillis, long nextAttemptAtMillis, String lastFailure) {}
}

package org.openivr.cli.embedded;

import com.google.protobuf.ByteString;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.temporal.api.command.v1.Command;
import io.temporal.api.enums.v1.WorkflowTaskFailedCause;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskFailedRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded test server from losing a call when a workflow task cancels a timer that fired while the task ran
 * (temporalio/sdk-java#3088). Written by hand because the defect is inside the test server's state machine, which
 * offers no option for it, and no other Temporal server runs from Maven Central.
 *
 * <p>A call cancels a prompt's guard timer when the caller's event comes first. Under load the timer can fire while
 * the worker is running the task that cancels it: the server buffers the firing and forgets the timer, then refuses the
 * completion ({@code INVALID_ARGUMENT: invalid history builder state for action}) after it has already marked the task
 * completed in memory, so the task is never handed out again and the call stops for good. A real server takes such a
 * cancel as done and drops the buffered firing. This interceptor looks at a completion before the server does, under
 * the execution's own lock (the lock the server takes, reentrant, so the firing cannot slip in between): when it cancels
 * a timer, or an activity, the server no longer has, it fails the task instead, as a real server fails a completion
 * that new events make stale (cause {@code UNHANDLED_COMMAND}). The worker then drops its cached copy, and the task is
 * handed out again with the firing in its history, so the workflow sees the timer fired and cancels nothing.
 */
final class StaleCancelsRetried implements ServerInterceptor {
    private static final Logger log = LoggerFactory.getLogger(StaleCancelsRetried.class);

    /** The execution a task token names, as the server holds it. */
    interface Execution {
        String workflowId();

        Lock lock();

        /** Whether the token it was found by still names the task the execution runs; read under {@link #lock()}. */
        boolean runsItsTask();

        boolean hasTimer(String timerId);

        boolean hasActivity(long scheduledEventId);
    }

    /** Finds the execution of a task token, or null. */
    interface Executions {
        Execution of(ByteString taskToken);
    }

    private final Executions executions;
    private final Consumer<RespondWorkflowTaskFailedRequest> failTask;

    /** @param failTask fails a workflow task as a worker's RespondWorkflowTaskFailed does, on the same server */
    StaleCancelsRetried(Executions executions, Consumer<RespondWorkflowTaskFailedRequest> failTask) {
        this.executions = executions;
        this.failTask = failTask;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        ServerCall.Listener<Q> listener = next.startCall(call, headers);
        if (!WorkflowServiceGrpc.getRespondWorkflowTaskCompletedMethod().getFullMethodName()
                .equals(call.getMethodDescriptor().getFullMethodName())) {
            return listener;
        }
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            private RespondWorkflowTaskCompletedRequest request;

            @Override
            public void onMessage(Q message) {
                if (message instanceof RespondWorkflowTaskCompletedRequest completed) {
                    request = completed;
                }
                super.onMessage(message);
            }

            @Override
            public void onHalfClose() {
                Execution execution = request == null ? null : executions.of(request.getTaskToken());
                if (execution == null) {
                    super.onHalfClose();
                    return;
                }
                String stale;
                execution.lock().lock();
                try {
                    stale = execution.runsItsTask() ? staleCancel(request, execution) : null;
                    if (stale == null) {
                        // The server completes the task in this thread, under the lock held here.
                        super.onHalfClose();
                        return;
                    }
                    try {
                        failTask.accept(failure(request, stale));
                    } catch (RuntimeException e) {
                        log.warn("{} could not hand the workflow task out again ({}); the server completes it as "
                                + "shipped", execution.workflowId(), e.toString());
                        super.onHalfClose();
                        return;
                    }
                } finally {
                    execution.lock().unlock();
                }
                log.info("{} workflow task handed out again: it cancels {}, which fired while it ran "
                        + "(the embedded server would have lost the task, temporalio/sdk-java#3088)",
                        execution.workflowId(), stale);
                call.close(Status.INVALID_ARGUMENT.withDescription("UnhandledCommand: the task cancels " + stale
                        + ", which has already ended; the task is handed out again"), new Metadata());
            }
        };
    }

    /** The first cancel in the completion whose target the server no longer has, or null. */
    static String staleCancel(RespondWorkflowTaskCompletedRequest request, Execution execution) {
        for (Command command : request.getCommandsList()) {
            switch (command.getCommandType()) {
                case COMMAND_TYPE_CANCEL_TIMER -> {
                    String timerId = command.getCancelTimerCommandAttributes().getTimerId();
                    if (!execution.hasTimer(timerId)) {
                        return "timer " + timerId;
                    }
                }
                case COMMAND_TYPE_REQUEST_CANCEL_ACTIVITY_TASK -> {
                    long scheduled = command.getRequestCancelActivityTaskCommandAttributes().getScheduledEventId();
                    if (!execution.hasActivity(scheduled)) {
                        return "activity " + scheduled;
                    }
                }
                default -> { }
            }
        }
        return null;
    }

    private static RespondWorkflowTaskFailedRequest failure(RespondWorkflowTaskCompletedRequest request, String stale) {
        return RespondWorkflowTaskFailedRequest.newBuilder()
                .setTaskToken(request.getTaskToken())
                .setNamespace(request.getNamespace())
                .setIdentity(request.getIdentity())
                .setCause(WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND)
                .setFailure(Failure.newBuilder().setMessage("the task cancels " + stale
                        + ", which ended while the task ran; handed out again with that in its history"))
                .build();
    }
}

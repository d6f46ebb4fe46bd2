package org.openivr.worker;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.openivr.workflows.CallActivities;
import org.openivr.workflows.CallSearchAttributes;
import org.openivr.workflows.metrics.IvrMetrics;

/**
 * Measures calls from outside the workflow code, so the interpreter stays free of metrics and replays never count
 * twice:
 * <ul>
 *   <li>every attempt of a call's ACS activity: latency and outcome by operation, and the end of the
 *       event-to-action clock the API started when the call's last callback arrived;</li>
 *   <li>every node a call enters, seen as the workflow's upsert of {@code CurrentNode} (not while replaying).</li>
 * </ul>
 * Registered as a Spring bean, which Temporal's Spring Boot starter adds to the worker factory.
 */
public class CallMetricsInterceptor extends WorkerInterceptorBase {
    static final String CALL_WORKFLOW = "CallWorkflow";
    static final String EVENT_SIGNAL = "onEvent";
    private final IvrMetrics metrics;

    public CallMetricsInterceptor(IvrMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
        return new ActivityInboundCallsInterceptorBase(next) {
            private ActivityInfo info;

            @Override
            public void init(ActivityExecutionContext context) {
                info = context.getInfo();
                super.init(context);
            }

            @Override
            public ActivityOutput execute(ActivityInput input) {
                if (info == null || !CALL_WORKFLOW.equals(info.getWorkflowType())) {
                    return super.execute(input);
                }
                String operation = operationName(info.getActivityType());
                metrics.acsRequestSent(info.getWorkflowId(), operation);
                long start = System.nanoTime();
                String outcome = "retryable";
                try {
                    ActivityOutput output = super.execute(input);
                    outcome = "ok";
                    return output;
                } catch (ApplicationFailure e) {
                    outcome = CallActivities.CALL_GONE.equals(e.getType()) ? "call-gone"
                            : e.isNonRetryable() || CallActivities.REJECTED.equals(e.getType()) ? "rejected" : "retryable";
                    throw e;
                } finally {
                    metrics.acsOperation(operation, Duration.ofNanos(System.nanoTime() - start), outcome);
                }
            }
        };
    }

    @Override
    public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
        return new CallWorkflowObserver(next);
    }

    /**
     * One per workflow instance. Besides node transitions, it tells the event-to-action clock when a call answered
     * an event with a pause (a timer before any activity) rather than an ACS request, so that a {@code wait}
     * node's pause is never counted as latency.
     */
    private final class CallWorkflowObserver extends WorkflowInboundCallsInterceptorBase {
        private boolean eventUnanswered;

        CallWorkflowObserver(WorkflowInboundCallsInterceptor next) {
            super(next);
        }

        private boolean live() {
            return !Workflow.isReplaying() && CALL_WORKFLOW.equals(Workflow.getInfo().getWorkflowType());
        }

        @Override
        public void handleSignal(SignalInput input) {
            if (EVENT_SIGNAL.equals(input.getSignalName()) && live()) {
                eventUnanswered = true;
            }
            super.handleSignal(input);
        }

        @Override
        public void init(WorkflowOutboundCallsInterceptor outbound) {
            super.init(new WorkflowOutboundCallsInterceptorBase(outbound) {
                @Override
                public void upsertTypedSearchAttributes(SearchAttributeUpdate<?>... updates) {
                    if (live()) {
                        observe(updates);
                    }
                    super.upsertTypedSearchAttributes(updates);
                }

                @Override
                public <R> ActivityOutput<R> executeActivity(ActivityInput<R> input) {
                    eventUnanswered = false; // the activity's send stops the clock
                    return super.executeActivity(input);
                }

                @Override
                public Promise<Void> newTimer(Duration duration) {
                    paused();
                    return super.newTimer(duration);
                }

                @Override
                public Promise<Void> newTimer(Duration duration, TimerOptions options) {
                    paused();
                    return super.newTimer(duration, options);
                }

                @Override
                public void sleep(Duration duration) {
                    paused();
                    super.sleep(duration);
                }
            });
        }

        private void paused() {
            if (eventUnanswered && live()) {
                metrics.eventAnsweredWithoutRequest(Workflow.getInfo().getWorkflowId());
            }
            eventUnanswered = false;
        }
    }

    private void observe(SearchAttributeUpdate<?>... updates) {
        for (SearchAttributeUpdate<?> update : updates) {
            Object value = update.getValue().orElse(null);
            if (value == null) {
                continue;
            }
            String name = update.getKey().getName();
            if (name.equals(CallSearchAttributes.CURRENT_NODE.getName())) {
                String flow = Workflow.getTypedSearchAttributes().get(CallSearchAttributes.FLOW_NAME);
                metrics.nodeEntered(flow, value.toString());
            } else if (name.equals(CallSearchAttributes.CALL_STATE.getName()) && "ended".equals(value)) {
                metrics.callEnded(Workflow.getInfo().getWorkflowId());
            }
        }
    }

    /** {@code RecognizeKeys} (Temporal's activity type) -> {@code recognizeKeys} (the activity method). */
    static String operationName(String activityType) {
        if (activityType == null || activityType.isEmpty()) {
            return "unknown";
        }
        return Character.toLowerCase(activityType.charAt(0)) + activityType.substring(1);
    }
}

package org.openivr.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The repeatability pair a step sends must be the same on every attempt, so ACS runs the step once. */
class RepeatabilityTest {

    @ActivityInterface
    public interface Step {
        void send(String step, String callId);
    }

    @WorkflowInterface
    public interface OneStep {
        @WorkflowMethod
        void run(String step, String callId);
    }

    public static class OneStepImpl implements OneStep {
        @Override
        public void run(String step, String callId) {
            Workflow.newActivityStub(Step.class, ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(5))
                    .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(2)).build())
                    .build()).send(step, callId);
        }
    }

    /** Fails its first two attempts, as a worker that died after sending would; records what each attempt sent. */
    static final class FlakyStep implements Step {
        final List<Repeatability> sent = new CopyOnWriteArrayList<>();

        @Override
        public void send(String step, String callId) {
            sent.add(Repeatability.forStep(step, callId));
            if (Activity.getExecutionContext().getInfo().getAttempt() < 3) {
                throw new IllegalStateException("the response was lost");
            }
        }
    }

    @Test
    void everyAttemptOfAnActivitySendsTheSamePairEvenSecondsLater() {
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
            Worker worker = env.newWorker("steps");
            worker.registerWorkflowImplementationTypes(OneStepImpl.class);
            FlakyStep activity = new FlakyStep();
            worker.registerActivitiesImplementations(activity);
            env.start();
            env.getWorkflowClient().newWorkflowStub(OneStep.class,
                    WorkflowOptions.newBuilder().setTaskQueue("steps").build()).run("sendDtmf:4/extension", "call-42");

            assertThat(activity.sent).hasSize(3);
            assertThat(activity.sent).allSatisfy(r -> assertThat(r).isEqualTo(activity.sent.get(0)));
            assertThat(activity.sent.get(0).requestId())
                    .isEqualTo(Repeatability.requestIdFor("sendDtmf:4/extension", "call-42"));
        }
    }

    @Test
    void stepsAndCallsGetTheirOwnRequestIds() {
        Repeatability one = Repeatability.forStep("answer", "call-1");
        assertThat(Repeatability.forStep("answer", "call-1")).isEqualTo(one);
        assertThat(Repeatability.forStep("answer", "call-2").requestId()).isNotEqualTo(one.requestId());
        assertThat(Repeatability.forStep("transfer:7/agent", "call-1").requestId()).isNotEqualTo(one.requestId());
        assertThat(one.firstSentHeader()).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
    }
}

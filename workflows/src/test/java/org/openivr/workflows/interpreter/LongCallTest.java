package org.openivr.workflows.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowStub;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openivr.workflows.CallEvent;
import org.openivr.workflows.CallEventKind;
import org.openivr.workflows.CallResult;
import org.openivr.workflows.CallInput;
import org.openivr.workflows.CallResume;
import org.openivr.workflows.CallWorkflow;
import org.openivr.workflows.PinnedFlow;
import org.openivr.workflows.TimelineEntry;
import org.openivr.flows.FlowLoader;

/** A long call with many continuous keys moves to fresh runs and keeps everything it knew. */
class LongCallTest {
    /**
     * More signals than the 4,096 events at which Temporal suggests continuing as new, so a run must continue even
     * when the keys arrive faster than the workflow takes them and many share one workflow task (with 1,500, only
     * unbatched keys, each with its own task's three events, got there: the test failed on a busy machine).
     */
    private static final int KEYS = 4500;
    private static final int BURST = 100;
    private WorkflowHarness harness;

    @BeforeEach
    void start() {
        harness = new WorkflowHarness();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void continuesAsNewAndKeepsVariablesAndKeys() throws Exception {
        String flow = """
                flow: long-call
                start: keys-on
                variables:
                  count: 0
                defaults:
                  onError: bye
                nodes:
                  keys-on:
                    keys: on
                    next: listen
                  listen:
                    listen: {for: [keys], timeout: 10m}
                    on: {keys: count, timeout: bye}
                  count:
                    set: {count: "count + 1"}
                    next: check
                  check:
                    when:
                      - if: "count < %d"
                        then: listen
                    else: bye
                  bye:
                    hangup: {}
                """.formatted(KEYS);
        CallWorkflow call = harness.start("long-call", flow, new FakeAcs(harness.client), "call-long");
        harness.awaitWaiting("call-long", "audio");
        // Bursts of keys, each taken before the next comes, as a caller's keys are: keys that flood in faster than
        // the workflow can finish a task keep Temporal refusing its continue-as-new (new signals, UnhandledCommand)
        // until the flood stops, which a caller cannot do.
        for (long sequence = 1; sequence <= KEYS; sequence++) {
            call.onEvent(new CallEvent("tone-" + sequence, CallEventKind.CONTINUOUS_DTMF_TONE_RECEIVED,
                    "Microsoft.Communication.ContinuousDtmfRecognitionToneReceived", "cc", "1/keys-on", 200, 0, "",
                    List.of(String.valueOf(sequence % 10)), sequence, null, null));
            if (sequence % BURST == 0 && sequence < KEYS) {
                awaitCount("call-long", sequence);
            }
        }
        CallResult result = WorkflowStub.fromTyped(call).getResult(CallResult.class);

        assertThat(result.ending()).isEqualTo(CallResult.HUNGUP_BY_FLOW);
        assertThat(result.variables().get("count")).isEqualTo(KEYS);
        var started = harness.client.fetchHistory("call-long").getEvents().get(0).getWorkflowExecutionStartedEventAttributes();
        assertThat(started.getContinuedExecutionRunId()).as("the last run continues an earlier one").isNotEmpty();
        long lastRunEvents = harness.env.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder().setNamespace("default")
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId("call-long")).build())
                .getWorkflowExecutionInfo().getHistoryLength();
        // Continued when Temporal suggested it (4,096 events), give or take the burst that was arriving then.
        assertThat(lastRunEvents).isLessThan(4096 + 4 * BURST);
    }

    /**
     * A key pressed just as the call continued as new reaches the new run with its first task, whose signals the SDK
     * runs before the workflow method. It must count like any other key (it was lost: the run had not yet restored
     * that continuous keys were on; LongCallTest above failed on it now and then, at 2,799 of 2,800 keys).
     */
    @Test
    void aKeyThatComesWithTheFirstTaskOfAContinuedRunIsTaken() throws Exception {
        String flow = """
                flow: continued
                start: listen
                variables:
                  count: 0
                nodes:
                  listen:
                    listen: {for: [keys], timeout: 10m}
                    on: {keys: count, timeout: bye}
                  count:
                    set: {count: "count + 1"}
                    next: bye
                  bye:
                    hangup: {}
                """;
        FakeAcs acs = new FakeAcs(harness.client);
        io.temporal.worker.Worker worker = harness.env.newWorker(CallWorkflow.TASK_QUEUE);
        worker.registerWorkflowImplementationTypes(CallWorkflowImpl.class);
        worker.registerActivitiesImplementations(acs);
        harness.env.start();
        CallResume resume = new CallResume("listen", "cc-continued", "server-1", java.util.Map.of("count", 0), List.of(),
                List.of("listen", "count"), List.of("tone-1"), 3, 1, true, null, false, false, List.of(), 1, List.of());
        CallInput input = new CallInput("call-continued", "ctx", "4:+14255550123", "4:+18005550100",
                new PinnedFlow("continued", FlowLoader.contentHash(flow), flow, "flows/continued.yaml"), null)
                .continuing(resume, null);
        CallWorkflow call = harness.client.newWorkflowStub(CallWorkflow.class, io.temporal.client.WorkflowOptions
                .newBuilder().setWorkflowId("call-continued").setTaskQueue(CallWorkflow.TASK_QUEUE).build());
        // Started with the key in one request, so the key is in the new run's first task, as at continue-as-new.
        io.temporal.client.BatchRequest startWithKey = harness.client.newSignalWithStartRequest();
        startWithKey.add(call::run, input);
        startWithKey.add(call::onEvent, new CallEvent("tone-2", CallEventKind.CONTINUOUS_DTMF_TONE_RECEIVED,
                "Microsoft.Communication.ContinuousDtmfRecognitionToneReceived", "cc-continued", "1/keys-on", 200, 0,
                "", List.of("7"), 2L, null, null));
        harness.client.signalWithStart(startWithKey);
        CallResult result = WorkflowStub.fromTyped(call).getResult(CallResult.class);

        assertThat(result.variables().get("count")).isEqualTo(1);
        assertThat(result.path()).endsWith("listen", "count", "bye");
        assertThat(harness.state("call-continued").timeline()).extracting(TimelineEntry::text)
                .noneMatch(text -> text.contains("continuous key recognition is off"));
    }

    private void awaitCount(String callId, long count) throws InterruptedException {
        Object seen = null;
        // Patient enough for a workflow task that timed out (10 s) and was retried on a loaded machine.
        for (int i = 0; i < 1200; i++) {
            seen = harness.state(callId).variables().get("count");
            if (seen instanceof Number n && n.longValue() >= count) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("the call did not take " + count + " keys within 30 s: it counted " + seen
                + "; waiting for " + harness.state(callId).waitingFor());
    }
}

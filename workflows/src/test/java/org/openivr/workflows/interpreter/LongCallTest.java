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
import org.openivr.workflows.CallWorkflow;

/** A long call with many continuous keys moves to fresh runs and keeps everything it knew. */
class LongCallTest {
    private static final int KEYS = 1500;
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
        for (long sequence = 1; sequence <= KEYS; sequence++) {
            call.onEvent(new CallEvent("tone-" + sequence, CallEventKind.CONTINUOUS_DTMF_TONE_RECEIVED,
                    "Microsoft.Communication.ContinuousDtmfRecognitionToneReceived", "cc", "1/keys-on", 200, 0, "",
                    List.of(String.valueOf(sequence % 10)), sequence, null, null));
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
        assertThat(lastRunEvents).isLessThan(4096 + 200);
    }
}

package org.openivr.workflows.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openivr.flows.FlowLoader;
import org.openivr.workflows.CallResult;
import org.openivr.workflows.CallWorkflow;
import org.openivr.workflows.TimelineEntry;

class CallWorkflowTest {
    private static final String FLOW = """
            flow: test-line
            start: welcome
            variables:
              account: ""
              kind: ""
            defaults:
              onError: sorry
            nodes:
              welcome:
                play: "Welcome."
                next: main
              main:
                menu:
                  prompt: "Press 1 for billing, 2 for support."
                  options:
                    "1": account-entry
                    "2": support
                  noInput: "Sorry, I did not hear you."
                  noMatch: "That is not an option."
                  attempts: 3
              account-entry:
                ask:
                  prompt: "Enter your account number, then hash."
                  into: account
                  digits: {min: 4, max: 8, stopOn: "#"}
                  pattern: "^[0-9]+$"
                  attempts: 2
                on:
                  ok: classify
                  failed: sorry
              classify:
                set:
                  kind: 'account.startsWith("9") ? "business" : "personal"'
                next: route
              route:
                when:
                  - if: 'kind == "business"'
                    then: business
                else: personal
              business:
                play: "Business account ${account}."
                next: bye
              personal:
                play: "Personal account."
                next: bye
              support:
                play: "Support is closed."
                next: bye
              sorry:
                play: "Sorry, we could not help."
                next: bye
              bye:
                hangup: {}
            """;

    private WorkflowHarness harness;
    private WorkflowClient client;

    @BeforeEach
    void start() {
        harness = new WorkflowHarness();
        client = harness.client;
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private CallResult run(FakeAcs acs, String callId) {
        return harness.run("test-line", FLOW, acs, callId);
    }

    @Test
    void businessCallerWalksMenuEntryAndBranch() {
        FakeAcs acs = new FakeAcs(client, "1", "91234567#");
        CallResult result = run(acs, "call-happy");

        assertThat(result.ending()).isEqualTo(CallResult.HUNGUP_BY_FLOW);
        assertThat(result.path()).containsExactly("welcome", "main", "account-entry", "classify", "route", "business", "bye");
        assertThat(result.variables()).containsEntry("account", "91234567").containsEntry("kind", "business");
        assertThat(acs.operations).containsExactly("answer", "play", "recognize", "recognize", "play", "hangUp");
        assertThat(acs.recognitions.get(1).stopKeys()).containsExactly("#");
        assertThat(acs.recognitions.get(1).maxTones()).isEqualTo(8);
    }

    @Test
    void silentCallerIsAskedThreeTimesThenSentToTheFailureExit() {
        FakeAcs acs = new FakeAcs(client);
        CallResult result = run(acs, "call-silent");

        assertThat(result.path()).containsExactly("welcome", "main", "sorry", "bye");
        assertThat(acs.recognitions).hasSize(3);
        assertThat(acs.recognitions.get(1).prompt().get(0).value()).isEqualTo("Sorry, I did not hear you.");
        assertThat(result.ending()).isEqualTo(CallResult.HUNGUP_BY_FLOW);
    }

    @Test
    void invalidKeyPlaysNoMatchThenAcceptsAValidOne() {
        FakeAcs acs = new FakeAcs(client, "7", "2");
        CallResult result = run(acs, "call-nomatch");

        assertThat(result.path()).containsExactly("welcome", "main", "support", "bye");
        assertThat(acs.recognitions.get(1).prompt().get(0).value()).isEqualTo("That is not an option.");
    }

    @Test
    void everyEventDeliveredTwiceEndsExactlyAsOnce() {
        FakeAcs once = new FakeAcs(client, "1", "12345678#");
        CallResult single = run(once, "call-once");
        stop();
        start();
        FakeAcs twice = new FakeAcs(client, "1", "12345678#");
        twice.duplicateEvents = true;
        CallResult doubled = run(twice, "call-twice");

        assertThat(doubled).isEqualTo(single);
        assertThat(twice.operations).isEqualTo(once.operations);
    }

    @Test
    void lateEventOfAFinishedOperationIsRecordedNotActedOn() {
        FakeAcs acs = new FakeAcs(client, "2");
        acs.staleEventDuringRecognize = "1/welcome";
        CallResult result = run(acs, "call-stale");

        assertThat(result.path()).containsExactly("welcome", "main", "support", "bye");
        List<TimelineEntry> timeline = client.newWorkflowStub(CallWorkflow.class, "call-stale").state().timeline();
        assertThat(timeline).anyMatch(e -> e.kind().equals("ignored") && e.text().contains("1/welcome"));
    }

    @Test
    void callerHangingUpEndsTheCallWithoutHangingUpAgain() {
        FakeAcs acs = new FakeAcs(client, FakeAcs.HANG_UP);
        CallResult result = run(acs, "call-gone");

        assertThat(result.ending()).isEqualTo(CallResult.HUNGUP_BY_CALLER);
        assertThat(result.path()).containsExactly("welcome", "main");
        assertThat(acs.operations).doesNotContain("hangUp");
    }

    @Test
    void callerGoneBeforeTheirCallDisconnectedArrivesEndsAsHungUpNotAsAFailedNode() throws Exception {
        // Real time: the CallDisconnected is sent while the call waits for it, which a skipped clock would not allow.
        try (WorkflowHarness realTime = new WorkflowHarness(false)) {
            FakeAcs acs = new FakeAcs(realTime.client, "7", FakeAcs.GONE);
            CallWorkflow call = realTime.start("test-line", FLOW, acs, "call-gone-first");
            // The menu's second recognize gets "Call not found"; the CallDisconnected comes once the call waits for it.
            for (int i = 0; i < 200 && realTime.state("call-gone-first").timeline().stream()
                    .noneMatch(e -> e.text().startsWith("ACS says the call is gone")); i++) {
                Thread.sleep(25);
            }
            // Operators see what it waits for, as for any other wait.
            assertThat(realTime.state("call-gone-first").waitingFor())
                    .startsWith("CallDisconnected (ACS says the call is gone)");
            acs.disconnect("call-gone-first");
            CallResult result = io.temporal.client.WorkflowStub.fromTyped(call).getResult(CallResult.class);

            assertThat(result.ending()).isEqualTo(CallResult.HUNGUP_BY_CALLER);
            assertThat(result.path()).containsExactly("welcome", "main");
            assertThat(acs.operations).containsExactly("answer", "play", "recognize", "recognize on a call gone");
            List<TimelineEntry> timeline = realTime.state("call-gone-first").timeline();
            assertThat(timeline).extracting(TimelineEntry::text)
                    .contains("ACS says the call is gone (ACS rejected recognize on call connection cc-call-gone-first: "
                            + "HTTP 404, 8522 Call not found.)", "CallDisconnected")
                    .noneMatch(text -> text.contains("no CallDisconnected"));
            assertThat(timeline).noneMatch(e -> e.kind().equals("failed"));
        }
    }

    @Test
    void callerGoneWithNoCallDisconnectedEverEndsAsHungUpAfterTheGrace() {
        FakeAcs acs = new FakeAcs(client, FakeAcs.GONE);
        CallResult result = run(acs, "call-gone-silently");

        assertThat(result.ending()).isEqualTo(CallResult.HUNGUP_BY_CALLER);
        assertThat(result.path()).containsExactly("welcome", "main");
        assertThat(acs.operations).doesNotContain("hangUp");
        List<TimelineEntry> timeline = client.newWorkflowStub(CallWorkflow.class, "call-gone-silently").state().timeline();
        TimelineEntry gone = timeline.stream().filter(e -> e.text().startsWith("ACS says the call is gone")).findFirst()
                .orElseThrow();
        TimelineEntry grace = timeline.stream().filter(e -> e.kind().equals("timeout")).findFirst().orElseThrow();
        assertThat(grace.text()).isEqualTo("no CallDisconnected within 5s of ACS saying the call is gone; it ended");
        // Workflow time also moves with the few real milliseconds a task takes.
        assertThat(grace.atMillis() - gone.atMillis()).isBetween(CallSession.CALL_GONE_GRACE.toMillis(),
                CallSession.CALL_GONE_GRACE.toMillis() + 1_000);
    }

    @Test
    void operatorHangUpStopsAWaitingCallCleanly() throws Exception {
        FakeAcs acs = new FakeAcs(client, FakeAcs.NEVER);
        CallWorkflow call = harness.start("test-line", FLOW, acs, "call-stuck");
        var waiting = harness.awaitWaiting("call-stuck");
        assertThat(waiting.currentNode()).isEqualTo("main");
        assertThat(waiting.waitingFor()).contains("RecognizeCompleted for 'main'");
        // What operators' stuck rule allows: the menu's timeout (the flow's default 5 s) and one key's 2 s.
        assertThat(waiting.waiting().node()).isEqualTo("main");
        assertThat(waiting.waiting().expectedMillis()).isEqualTo(7_000);
        assertThat(waiting.waiting().basis()).isEqualTo("key timeout 5s + 1 key x 2s");
        assertThat(waiting.waiting().sinceMillis()).isEqualTo(waiting.waitingSinceMillis()).isPositive();

        call.hangUp();
        CallResult result = io.temporal.client.WorkflowStub.fromTyped(call).getResult(CallResult.class);
        assertThat(result.ending()).isEqualTo(CallResult.HUNGUP_BY_OPERATOR);
        assertThat(acs.operations).endsWith("hangUp");
    }

    @Test
    void refusedPromptTakesTheFlowsErrorExit() {
        FakeAcs acs = new FakeAcs(client);
        acs.rejectPlayOf = "Welcome";
        CallResult result = run(acs, "call-refused");

        assertThat(result.path()).containsExactly("welcome", "sorry", "bye");
        assertThat(result.ending()).isEqualTo(CallResult.HUNGUP_BY_FLOW);
    }

    @Test
    void failingErrorHandlerGoesOnInsteadOfLoopingIntoItself() {
        FakeAcs acs = new FakeAcs(client);
        acs.rejectPlayOf = "Sorry, we could not help";
        CallResult result = run(acs, "call-sorry-fails");

        assertThat(result.path()).containsExactly("welcome", "main", "sorry", "bye");
        assertThat(result.ending()).isEqualTo(CallResult.HUNGUP_BY_FLOW);
    }

    @Test
    void sensitiveEntryIsMaskedInResultAndTimeline() {
        String flow = FLOW.replace("      pattern: \"^[0-9]+$\"\n", "      pattern: \"^[0-9]+$\"\n      sensitive: true\n");
        assertThat(flow).contains("sensitive: true");
        FakeAcs acs = new FakeAcs(client, "1", "12345678#");
        CallResult result = harness.run("test-line", flow, acs, "call-secret");

        assertThat(result.variables()).containsEntry("account", "****").containsEntry("kind", "personal");
        var timeline = client.newWorkflowStub(CallWorkflow.class, "call-secret").state().timeline();
        assertThat(timeline).noneMatch(e -> e.text().contains("12345678"));
        assertThat(timeline).anyMatch(e -> e.kind().equals("keys") && e.text().equals("****"));
    }

    @Test
    void stateQueryShowsWhereTheCallEnded() {
        FakeAcs acs = new FakeAcs(client, "2");
        run(acs, "call-state");
        var state = client.newWorkflowStub(CallWorkflow.class, "call-state").state();

        assertThat(state.status()).isEqualTo("ended");
        assertThat(state.currentNode()).isEqualTo("bye");
        assertThat(state.flowHash()).isEqualTo(FlowLoader.contentHash(FLOW));
        assertThat(state.timeline()).anyMatch(e -> e.kind().equals("keys") && e.text().equals("2"));
        assertThat(state.variables()).isEqualTo(Map.of("account", "", "kind", ""));
    }
}

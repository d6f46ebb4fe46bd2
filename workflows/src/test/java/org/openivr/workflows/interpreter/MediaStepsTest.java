package org.openivr.workflows.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openivr.workflows.CallResult;
import org.openivr.workflows.TimelineEntry;

/**
 * Play and recognize have no Repeatability-Request-ID in ACS, so a lost attempt (its worker died, its response was
 * lost) must not leave a second copy running in ACS: the call sends the step again only when no result came, and then
 * barging in, so a first run still going is cancelled rather than queued ahead of the next step.
 */
class MediaStepsTest {
    private static final String FLOW = """
            flow: steps
            start: welcome
            variables:
              account: ""
            nodes:
              welcome:
                play: "Welcome."
                next: main
              main:
                menu:
                  prompt: "Press 1 for billing."
                  options: {"1": account}
                  attempts: 1
                on: {failed: bye}
              account:
                ask:
                  prompt: "Enter your account number, then hash."
                  into: account
                  digits: {min: 4, max: 8, stopOn: "#"}
                on: {ok: bye, failed: bye}
              bye:
                hangup: {}
            """;
    private static final java.util.List<String> HAPPY_PATH = java.util.List.of("welcome", "main", "account", "bye");

    private WorkflowHarness harness;

    @BeforeEach
    void start() {
        harness = new WorkflowHarness();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private CallResult run(FakeAcs acs, String callId) {
        return harness.run("steps", FLOW, acs, callId);
    }

    private java.util.List<TimelineEntry> timeline(String callId) {
        return harness.state(callId).timeline();
    }

    @Test
    void aRecognizeThatRanBeforeItsAttemptWasLostIsNotSentAgain() {
        FakeAcs acs = new FakeAcs(harness.client, "1", "91234567#");
        acs.recognizeMishaps.add(FakeAcs.RAN_THEN_LOST);
        CallResult result = run(acs, "call-ran");

        assertThat(result.path()).isEqualTo(HAPPY_PATH);
        assertThat(result.variables()).containsEntry("account", "91234567");
        assertThat(acs.operations).containsExactly("answer", "play", "recognize", "recognize", "hangUp");
        assertThat(timeline("call-ran")).extracting(TimelineEntry::kind).contains("retry");
    }

    @Test
    void aRecognizeLostBeforeAcsSawItIsSentAgainBargingIn() {
        FakeAcs acs = new FakeAcs(harness.client, "1", "91234567#");
        acs.recognizeMishaps.add(FakeAcs.LOST);
        CallResult result = run(acs, "call-lost");

        assertThat(result.path()).isEqualTo(HAPPY_PATH);
        assertThat(acs.operations).containsExactly("answer", "play", "recognize barging in", "recognize", "hangUp");
        assertThat(acs.recognitions.get(0).interruptCallMediaOperation()).isTrue();
        assertThat(acs.recognitions.get(1).interruptCallMediaOperation()).isFalse();
    }

    @Test
    void aFirstRunStillGoingIsCancelledByTheStepSentAgainAndItsCancellationIsNotTheResult() {
        FakeAcs acs = new FakeAcs(harness.client, "1", "91234567#");
        acs.recognizeMishaps.add(FakeAcs.RUNNING_THEN_LOST);
        CallResult result = run(acs, "call-running");

        assertThat(result.path()).isEqualTo(HAPPY_PATH);
        assertThat(result.variables()).containsEntry("account", "91234567");
        assertThat(acs.operations).containsExactly("answer", "play", "recognize", "recognize barging in", "recognize",
                "hangUp");
        assertThat(timeline("call-running")).anySatisfy(entry -> {
            assertThat(entry.kind()).isEqualTo("ignored");
            assertThat(entry.text()).containsIgnoringCase("canceled").contains("cancelled by the same operation");
        });
    }

    @Test
    void aPlayThatRanIsNotPlayedAgainAndALostOneIsSentAgainBargingIn() {
        FakeAcs ran = new FakeAcs(harness.client, "1", "91234567#");
        ran.playMishaps.add(FakeAcs.RAN_THEN_LOST);
        assertThat(run(ran, "call-play-ran").path()).isEqualTo(HAPPY_PATH);
        assertThat(ran.operations).containsExactly("answer", "play", "recognize", "recognize", "hangUp");
        stop();
        start();
        FakeAcs lost = new FakeAcs(harness.client, "1", "91234567#");
        lost.playMishaps.add(FakeAcs.LOST);
        assertThat(run(lost, "call-play-lost").path()).isEqualTo(HAPPY_PATH);
        assertThat(lost.operations).containsExactly("answer", "play barging in", "recognize", "recognize", "hangUp");
    }

    @Test
    void aStepThatNeverGetsThroughFailsTheNodeAfterFiveSends() {
        FakeAcs acs = new FakeAcs(harness.client, "1");
        for (int i = 0; i < 5; i++) {
            acs.recognizeMishaps.add(FakeAcs.LOST);
        }
        CallResult result = run(acs, "call-never");

        assertThat(result.path()).containsExactly("welcome", "main", "bye");
        assertThat(timeline("call-never")).filteredOn(e -> e.kind().equals("retry")).hasSize(4);
    }
}

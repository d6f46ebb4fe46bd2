package org.openivr.workflows.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openivr.workflows.CallResult;

/** The verbs beyond the walking skeleton, each through a small flow and the in-memory ACS. */
class CallWorkflowVerbsTest {
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
    void anytimeKeyDuringAPromptJumpsThereInSequenceOrder() {
        String flow = """
                flow: anytime-line
                start: welcome
                anytime:
                  "0": operator
                nodes:
                  welcome:
                    play: "A very long welcome."
                    next: goodbye
                  operator:
                    play: "Connecting you to an operator."
                    next: goodbye
                  goodbye:
                    hangup: {}
                """;
        FakeAcs acs = new FakeAcs(harness.client);
        // Delivered out of order: '0' (sequence 2) before '5' (sequence 1); '5' is acted on first and ignored.
        acs.tonesDuringNextPlay.add(List.of(2L, "0"));
        acs.tonesDuringNextPlay.add(List.of(1L, "5"));
        CallResult result = harness.run("anytime-line", flow, acs, "call-anytime");

        assertThat(result.path()).containsExactly("welcome", "operator", "goodbye");
        assertThat(acs.operations).containsSubsequence("answer", "startContinuousDtmf", "play", "cancelMedia", "play", "hangUp");
        var timeline = harness.state("call-anytime").timeline();
        int ignoredFive = indexOf(timeline, "key 5 is not an anytime key");
        int jumped = indexOf(timeline, "0 (anytime)");
        assertThat(ignoredFive).isNotNegative().isLessThan(jumped);
    }

    @Test
    void sendDtmfHoldTransferRunInOrderAndTheCallEndsTransferred() {
        String flow = """
                flow: agent-line
                start: extension
                defaults:
                  onError: sorry
                nodes:
                  extension:
                    sendDtmf: {tones: "123#"}
                    next: hold
                  hold:
                    hold: {music: "Please hold."}
                    next: pause
                  pause:
                    wait: 2s
                    next: unhold
                  unhold:
                    unhold: {}
                    next: agent
                  agent:
                    transfer: {to: "+14255550100"}
                    on: {failed: sorry}
                  sorry:
                    play: "Sorry."
                    next: hangup
                """;
        FakeAcs acs = new FakeAcs(harness.client);
        CallResult result = harness.run("agent-line", flow, acs, "call-agent");

        assertThat(result.ending()).isEqualTo(CallResult.TRANSFERRED);
        assertThat(result.path()).containsExactly("extension", "hold", "pause", "unhold", "agent");
        assertThat(acs.operations).containsExactly("answer", "sendDtmf 123#", "hold with music", "unhold",
                "transfer 4:+14255550100");
    }

    @Test
    void hoursFollowTheCallsClockAndSubflowsReturn() {
        String flow = """
                flow: hours-line
                start: office
                nodes:
                  office:
                    hours:
                      timezone: America/Los_Angeles
                      open: {mon-fri: "08:00-18:00"}
                    on: {open: menu, closed: closed}
                  menu:
                    subflow: {flow: identify}
                    next: bye
                  closed:
                    play: "We are closed."
                    next: bye
                  bye:
                    hangup: {}
                """;
        String identify = """
                flow: identify
                start: hello
                nodes:
                  hello:
                    play: "Who are you?"
                    next: return
                """;
        long mondayMorning = OffsetDateTime.parse("2026-11-23T10:00:00-08:00").toInstant().toEpochMilli();
        long sundayNight = OffsetDateTime.parse("2026-11-22T22:00:00-08:00").toInstant().toEpochMilli();

        CallResult open = harness.run("hours-line", flow, Map.of("identify", identify), new FakeAcs(harness.client),
                "call-open", mondayMorning);
        assertThat(open.path()).containsExactly("office", "menu", "identify/hello", "bye");

        harness.close();
        harness = new WorkflowHarness();
        CallResult closed = harness.run("hours-line", flow, Map.of("identify", identify), new FakeAcs(harness.client),
                "call-closed", sundayNight);
        assertThat(closed.path()).containsExactly("office", "closed", "bye");
    }

    @Test
    void sensitiveEntryPausesAndResumesTheRecording() {
        String flow = """
                flow: card-line
                start: record
                variables:
                  card: ""
                defaults:
                  onError: bye
                nodes:
                  record:
                    record: start
                    next: card
                  card:
                    ask:
                      prompt: "Card number, then hash."
                      into: card
                      digits: {max: 16, stopOn: "#"}
                      sensitive: true
                    on: {ok: stop, failed: stop}
                  stop:
                    record: stop
                    next: bye
                  bye:
                    hangup: {}
                """;
        FakeAcs acs = new FakeAcs(harness.client, "4111111111111111#");
        CallResult result = harness.run("card-line", flow, acs, "call-card");

        assertThat(acs.operations).containsExactly("answer", "startRecording", "pauseRecording", "recognize",
                "resumeRecording", "stopRecording", "hangUp");
        assertThat(result.variables()).containsEntry("card", "****");
        assertThat(harness.state("call-card").timeline()).noneMatch(e -> e.text().contains("4111"));
    }

    @Test
    void outboundCallRunsTheFlowWhenAnsweredAndEndsBusyOtherwise() {
        String flow = """
                flow: reminder
                start: remind
                nodes:
                  remind:
                    play: "Your appointment is tomorrow at ten."
                    next: hangup
                """;
        var outbound = new org.openivr.workflows.Outbound("4:+14255550199", "+18005550100");
        FakeAcs answers = new FakeAcs(harness.client);
        CallResult answered = harness.run("reminder", flow, Map.of(), answers, "call-out-1", null, outbound);
        assertThat(answered.ending()).isEqualTo(CallResult.HUNGUP_BY_FLOW);
        assertThat(answered.path()).containsExactly("remind");
        assertThat(answers.operations).containsExactly("createCall 4:+14255550199", "play", "hangUp");

        harness.close();
        harness = new WorkflowHarness();
        FakeAcs busy = new FakeAcs(harness.client);
        busy.createCallFailureCode = 486;
        CallResult notAnswered = harness.run("reminder", flow, Map.of(), busy, "call-out-2", null, outbound);
        assertThat(notAnswered.ending()).isEqualTo(CallResult.BUSY);
        assertThat(notAnswered.path()).isEmpty();
        assertThat(busy.operations).containsExactly("createCall 4:+14255550199");
    }

    private static int indexOf(List<org.openivr.workflows.TimelineEntry> timeline, String text) {
        for (int i = 0; i < timeline.size(); i++) {
            if (timeline.get(i).text().contains(text)) {
                return i;
            }
        }
        return -1;
    }
}

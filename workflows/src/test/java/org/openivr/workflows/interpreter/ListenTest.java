package org.openivr.workflows.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowStub;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openivr.workflows.AudioSignal;
import org.openivr.workflows.CallEvent;
import org.openivr.workflows.CallEventKind;
import org.openivr.workflows.CallResult;
import org.openivr.workflows.CallWorkflow;

/** {@code listen}, speech barge-in, spoken menu options and key fusion, driven by audio signals. */
class ListenTest {
    private WorkflowHarness harness;

    @BeforeEach
    void start() {
        harness = new WorkflowHarness();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private static AudioSignal audio(String id, AudioSignal.Kind kind, String key, String text) {
        return new AudioSignal(id, kind, "", 0, 0, key, key != null ? AudioSignal.IN_BAND : AudioSignal.TRANSCRIPTION, text,
                text != null ? 0.9 : 0, 0);
    }

    private CallResult result(CallWorkflow call) {
        return WorkflowStub.fromTyped(call).getResult(CallResult.class);
    }

    @Test
    void aCallerWhoSaysNothingIsHeardAsSilence() throws Exception {
        String flow = """
                flow: listening
                start: listen
                nodes:
                  listen:
                    listen: {for: [speech, silence], silence: 3s, timeout: 20s}
                    on: {speech: talked, silence: quiet, timeout: quiet}
                  talked:
                    play: "You spoke."
                    next: hangup
                  quiet:
                    play: "You were quiet."
                    next: hangup
                """;
        CallWorkflow call = harness.start("listening", flow, new FakeAcs(harness.client), "call-quiet");
        var waiting = harness.awaitWaiting("call-quiet", "audio");
        assertThat(waiting.waiting().expectedMillis()).as("a listen with a timeout takes at most that").isEqualTo(20_000);
        assertThat(waiting.waiting().basis()).isEqualTo("listen timeout 20s");
        assertThat(result(call).path()).containsExactly("listen", "quiet");
    }

    @Test
    void aPhraseTakesItsOwnExit() throws Exception {
        String flow = """
                flow: listening
                start: listen
                nodes:
                  listen:
                    listen: {for: [phrase], phrases: {billing: [invoice, bill]}, timeout: 20s}
                    on: {billing: billing, timeout: hangup}
                  billing:
                    play: "Billing."
                    next: hangup
                """;
        CallWorkflow call = harness.start("listening", flow, new FakeAcs(harness.client), "call-phrase");
        harness.awaitWaiting("call-phrase", "audio");
        call.onAudio(audio("a1", AudioSignal.Kind.SPEECH_STARTED, null, null));
        call.onAudio(audio("a2", AudioSignal.Kind.PHRASE, null, "I have a question about my Invoice."));
        CallResult result = result(call);
        assertThat(result.path()).containsExactly("listen", "billing");
    }

    @Test
    void sayingAMenuOptionChoosesItAndStopsTheRecognize() throws Exception {
        String flow = """
                flow: spoken-menu
                start: menu
                nodes:
                  menu:
                    menu:
                      prompt: "Say sales or press 1."
                      options:
                        "1": {to: sales, say: [sales, buy]}
                        "2": support
                    on: {failed: hangup}
                  sales:
                    play: "Sales."
                    next: hangup
                  support:
                    play: "Support."
                    next: hangup
                """;
        FakeAcs acs = new FakeAcs(harness.client, FakeAcs.NEVER);
        CallWorkflow call = harness.start("spoken-menu", flow, acs, "call-said");
        harness.awaitWaiting("call-said");
        call.onAudio(audio("p1", AudioSignal.Kind.PHRASE, null, "I want to buy something"));
        CallResult result = result(call);
        assertThat(result.path()).containsExactly("menu", "sales");
        assertThat(acs.operations).containsSubsequence("recognize", "cancelMedia", "play");
    }

    /** Continuous keys on, then two listens for a key each: the path says how many keys the call counted. */
    private static final String TWO_KEYS = """
            flow: keyed
            start: keys-on
            defaults: {onError: hangup}
            nodes:
              keys-on:
                keys: on
                next: listen
              listen:
                listen: {for: [keys], timeout: 20s}
                on: {keys: first, timeout: hangup}
              first:
                listen: {for: [keys], timeout: 5s}
                on: {keys: second, timeout: hangup}
              second:
                play: "Two keys."
                next: hangup
            """;

    @Test
    void aKeyReportedByAcsAndHeardInBandCountsOnce() throws Exception {
        CallWorkflow call = harness.start("keyed", TWO_KEYS, new FakeAcs(harness.client), "call-fused");
        harness.awaitWaiting("call-fused", "audio");
        call.onAudio(audio("k1", AudioSignal.Kind.KEY, "5", null));
        call.onEvent(new CallEvent("t1", CallEventKind.CONTINUOUS_DTMF_TONE_RECEIVED,
                "Microsoft.Communication.ContinuousDtmfRecognitionToneReceived", "cc", "1/keys-on", 200, 0, "",
                List.of("5"), 1L, null, null));
        CallResult result = result(call);
        // One key: the first listen takes it, the second times out.
        assertThat(result.path()).containsExactly("keys-on", "listen", "first");
        assertThat(harness.state("call-fused").timeline()).anyMatch(e -> e.text().contains("counted once"));
    }

    @Test
    void theSameKeyPressedTwiceQuicklyIsTwoKeys() throws Exception {
        CallWorkflow call = harness.start("keyed", TWO_KEYS, new FakeAcs(harness.client), "call-11");
        harness.awaitWaiting("call-11", "audio");
        // A caller typing "11": ACS reports each press, a few milliseconds apart here.
        for (long sequence = 1; sequence <= 2; sequence++) {
            call.onEvent(new CallEvent("t" + sequence, CallEventKind.CONTINUOUS_DTMF_TONE_RECEIVED,
                    "Microsoft.Communication.ContinuousDtmfRecognitionToneReceived", "cc", "1/keys-on", 200, 0, "",
                    List.of("1"), sequence, null, null));
        }
        CallResult result = result(call);
        assertThat(result.path()).containsSubsequence("listen", "first", "second");
        assertThat(harness.state("call-11").timeline()).noneMatch(e -> e.text().contains("counted once"));
    }
}

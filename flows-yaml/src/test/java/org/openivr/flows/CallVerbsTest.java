package org.openivr.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The verbs beyond the walking skeleton, in every shape the language allows, read into the model. */
class CallVerbsTest {
    private static final String FILE = "flows/every-verb.yaml";
    static final String FLOW = """
            flow: every-verb
            start: hello
            variables:
              pin: ""
            defaults:
              onError: sorry
            anytime:
              "0": agent
            nodes:
              hello:
                play: "Hello."
                next: rec
              rec:
                record:
                  action: start
                  channels: unmixed
                  firstChannel: caller
                  paused: true
                  storage: {container: "https://acct.blob.core.windows.net/calls"}
                next: go-on
              go-on:
                record: resume
                next: video
              video:
                record: {action: start, content: audio-video}
                next: keys-off
              keys-off:
                keys: off
                next: dtmf
              dtmf:
                sendDtmf: {tones: "123#", to: "+14255550100"}
                next: dtmf2
              dtmf2:
                sendDtmf: ["1", "*"]
                on: {failed: sorry}
                next: music
              music:
                hold: {music: {audio: "https://cdn.example.com/moh.wav"}}
                next: pause
              pause:
                wait: 1500ms
                next: back
              back:
                unhold: {}
                next: stream
              stream:
                stream: {action: start, channels: unmixed}
                next: listen
              listen:
                listen:
                  for: [silence, phrase, keys]
                  silence: 2s
                  phrases: {"yes": ["yes", "yeah"], agent: operator}
                  timeout: 20s
                on: {silence: hours, keys: hours, "yes": hours, agent: agent, timeout: hours}
              hours:
                hours:
                  timezone: America/Los_Angeles
                  open: {mon-fri: ["08:00-12:00", "13:00-18:00"], "sat,sun": "10:00-24:00"}
                  closed: [2026-12-25]
                on: {open: sub, closed: stop-rec}
              sub:
                subflow: {flow: helper}
                next: stop-rec
              stop-rec:
                record: stop
                next: stop-stream
              stop-stream:
                stream: stop
                next: agent
              agent:
                transfer: {to: {user: "8:acs:abc"}}
                on: {failed: phone}
              phone:
                transfer: {to: "+14255550199"}
                on: {ok: hangup, failed: sorry}
              sorry:
                play: "Sorry."
                next: hangup
            """;
    static final String HELPER = """
            flow: helper
            start: one
            nodes:
              one:
                listen: {for: silence}
                on: {silence: return}
            """;

    private static Flow flow() {
        return FlowLoader.parse(FILE, FLOW, name -> name.equals("helper") ? Optional.of(HELPER) : Optional.empty());
    }

    private static SourcePosition at(int line) {
        return new SourcePosition(FILE, line, 3);
    }

    @Test
    void everyVerbLoadsWithoutProblems() {
        assertThat(FlowLoader.check(FILE, FLOW, name -> Optional.of(HELPER).filter(h -> name.equals("helper")))
                .problems()).isEmpty();
    }

    @Test
    void recordReadsEverySetting() {
        Flow flow = flow();

        assertThat(flow.node("rec")).isEqualTo(new Node.Record("rec", at(13), Node.Record.Action.START,
                Node.Record.Content.AUDIO, Node.Channels.UNMIXED, Node.Record.Format.WAV, true, "caller",
                "https://acct.blob.core.windows.net/calls", "go-on", Map.of()));
        assertThat(flow.node("go-on")).isEqualTo(new Node.Record("go-on", at(21), Node.Record.Action.RESUME,
                Node.Record.Content.AUDIO, Node.Channels.MIXED, Node.Record.Format.WAV, false, null, null, "video",
                Map.of()));
        Node.Record video = (Node.Record) flow.node("video");
        assertThat(video.content()).isEqualTo(Node.Record.Content.AUDIO_VIDEO);
        assertThat(video.format()).isEqualTo(Node.Record.Format.MP4); // what ACS records audio-video as
    }

    @Test
    void keysDtmfHoldWaitUnholdAndStreamAreRead() {
        Flow flow = flow();

        assertThat(flow.node("keys-off")).isEqualTo(new Node.Keys("keys-off", at(27), false, "dtmf", Map.of()));
        assertThat(flow.node("dtmf")).isEqualTo(new Node.SendDtmf("dtmf", at(30), List.of("1", "2", "3", "#"),
                "4:+14255550100", "dtmf2", Map.of()));
        assertThat(flow.node("dtmf2")).isEqualTo(new Node.SendDtmf("dtmf2", at(33), List.of("1", "*"), null, "music",
                Map.of("failed", "sorry")));
        assertThat(flow.node("music")).isEqualTo(new Node.Hold("music", at(37),
                List.of(new Prompt.Audio("https://cdn.example.com/moh.wav")), "pause", Map.of()));
        assertThat(flow.node("pause")).isEqualTo(new Node.Wait("pause", at(40), Duration.ofMillis(1500), "back",
                Map.of()));
        assertThat(flow.node("back")).isEqualTo(new Node.Unhold("back", at(43), "stream", Map.of()));
        assertThat(flow.node("stream")).isEqualTo(new Node.Stream("stream", at(46), Node.Stream.Action.START,
                Node.Channels.UNMIXED, "listen", Map.of()));
        assertThat(flow.node("stop-stream")).isEqualTo(new Node.Stream("stop-stream", at(68),
                Node.Stream.Action.STOP, Node.Channels.MIXED, "agent", Map.of()));
    }

    @Test
    void listenReadsEventsPhrasesAndOutcomes() {
        Node.Listen listen = (Node.Listen) flow().node("listen");

        assertThat(listen.events()).containsExactlyInAnyOrder(Node.Listen.Event.SILENCE, Node.Listen.Event.PHRASE,
                Node.Listen.Event.KEYS);
        assertThat(listen.silence()).isEqualTo(Duration.ofSeconds(2));
        assertThat(listen.phrases()).containsExactly(Map.entry("yes", List.of("yes", "yeah")),
                Map.entry("agent", List.of("operator")));
        assertThat(listen.timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(listen.on()).containsEntry("agent", "agent").containsEntry("timeout", "hours").hasSize(5);
    }

    @Test
    void listenForSilenceWithoutADurationWaitsThreeSeconds() {
        Flow helper = FlowLoader.parse("flows/helper.yaml", HELPER, name -> Optional.empty());

        Node.Listen listen = (Node.Listen) helper.node("one");
        assertThat(listen.silence()).isEqualTo(Duration.ofSeconds(3));
        assertThat(listen.timeout()).isNull();
        assertThat(listen.phrases()).isEmpty();
    }

    @Test
    void hoursReadsTimeZoneDaysIntervalsAndClosedDates() {
        Node.Hours hours = (Node.Hours) flow().node("hours");

        assertThat(hours.timezone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
        Set<DayOfWeek> weekdays = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        Set<DayOfWeek> weekend = EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        assertThat(hours.open()).containsExactly(
                new Node.Hours.Interval(weekdays, LocalTime.of(8, 0), LocalTime.of(12, 0)),
                new Node.Hours.Interval(weekdays, LocalTime.of(13, 0), LocalTime.of(18, 0)),
                new Node.Hours.Interval(weekend, LocalTime.of(10, 0), LocalTime.MAX));
        assertThat(hours.closed()).containsExactly(LocalDate.of(2026, 12, 25));
        assertThat(hours.on()).containsExactly(Map.entry("open", "sub"), Map.entry("closed", "stop-rec"));
    }

    @Test
    void transferKeepsTheRawIdOfWhoTheCallerGoesTo() {
        Flow flow = flow();

        assertThat(flow.node("agent")).isEqualTo(new Node.Transfer("agent", at(71), "8:acs:abc",
                Map.of("failed", "phone")));
        assertThat(((Node.Transfer) flow.node("phone")).to()).isEqualTo("4:+14255550199");
    }

    @Test
    void failedOutcomesOfAcsOperationsFallBackToOnError() {
        Flow flow = flow();

        assertThat(flow.node("music").onOutcome("failed", flow.defaults())).contains("sorry");
        assertThat(flow.node("dtmf2").onOutcome("failed", flow.defaults())).contains("sorry");
    }
}

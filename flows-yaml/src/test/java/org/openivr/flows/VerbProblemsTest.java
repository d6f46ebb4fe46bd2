package org.openivr.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openivr.flows.Fixtures.problems;

import org.junit.jupiter.api.Test;

/**
 * The validation rules of the verbs beyond the walking skeleton (sendDtmf, keys, hold, unhold, record,
 * stream, listen, transfer, hours, wait), one fixture per rule under {@code src/test/resources/problems/},
 * each with every problem exactly as {@code ivr validate} prints it.
 */
class VerbProblemsTest {

    @Test
    void toneStringsMustBeKeysAndAtMostEighteen() {
        assertThat(problems("bad-tones")).containsExactly(
                "problems/bad-tones.yaml:7:15: error: tones '12x4' must be keys only: 0-9, *, # and A-D ('x' at"
                        + " character 3 is not)",
                "problems/bad-tones.yaml:10:23: error: tones has 19 tones: ACS sends at most 18 at a time, so split"
                        + " them over two sendDtmf nodes",
                "problems/bad-tones.yaml:10:50: error: to '4255550100' is not a phone number in international form,"
                        + " like \"+14255550100\"",
                "problems/bad-tones.yaml:13:29: error: tone 'pound' is not a key: keys are 0-9, *, # and A-D (did you"
                        + " mean '#'?)",
                "problems/bad-tones.yaml:16:5: error: sendDtmf 'four' needs 'tones': the keys to send, like \"1234#\"",
                "problems/bad-tones.yaml:16:16: error: unknown key 'tone' in sendDtmf 'four' (did you mean 'tones'?)");
    }

    @Test
    void recordSettingsMustBeWhatAcsAccepts() {
        assertThat(problems("bad-record")).containsExactly(
                "problems/bad-record.yaml:7:13: error: record must be 'start', 'pause', 'resume' or 'stop', not 'begin'",
                "problems/bad-record.yaml:10:61: error: an audio-video recording is mixed: ACS records unmixed channels"
                        + " as audio only",
                "problems/bad-record.yaml:13:37: error: mp4 is for audio-video recordings: record audio as wav or mp3",
                "problems/bad-record.yaml:16:56: error: an unmixed recording is wav (one channel per participant), not"
                        + " mp3",
                "problems/bad-record.yaml:19:29: error: firstChannel needs 'channels: unmixed': a mixed recording has"
                        + " one channel",
                "problems/bad-record.yaml:22:50: error: storage.container must be the https address of a blob"
                        + " container, like https://ACCOUNT.blob.core.windows.net/CONTAINER, not 'http://example.com/x'",
                "problems/bad-record.yaml:25:28: error: 'format' only goes with 'action: start'");
    }

    @Test
    void pauseResumeOrStopWhereNoRecordingWasStartedIsAnError() {
        // 'resume' is not reported: a call reaches it through 'card', whose problem is the one to fix.
        assertThat(problems("record-not-started")).containsExactly(
                "problems/record-not-started.yaml:14:5: error: node 'card' pauses the recording, but a call can get"
                        + " here with no recording started (welcome -> card): add 'record: start' before it",
                "problems/record-not-started.yaml:23:5: error: node 'goodbye' stops the recording, but a call can get"
                        + " here with no recording started (welcome -> goodbye): add 'record: start' before it");
    }

    @Test
    void hoursNeedAValidTimeZoneDaysIntervalsAndDates() {
        assertThat(problems("bad-hours")).containsExactly(
                "problems/bad-hours.yaml:5:5: error: node 'one' needs 'on: {closed: ...}': where the call goes when the"
                        + " business is closed",
                "problems/bad-hours.yaml:6:17: error: timezone 'Europe/Pariss' is not a time zone: write a region like"
                        + " Europe/Paris or America/Los_Angeles (did you mean 'Europe/Paris'?)",
                "problems/bad-hours.yaml:8:9: error: 'fry' in 'mon-fry' is not a day: days are mon, tue, wed, thu, fri,"
                        + " sat and sun, and a range is written like mon-fri (did you mean 'fri'?)",
                "problems/bad-hours.yaml:9:14: error: opening hours '8-12' must be written like \"08:00-18:00\"",
                "problems/bad-hours.yaml:10:15: error: opening hours '10:00-09:00' end before they begin: hours run"
                        + " within one day, so split a night over two days (22:00-24:00, then 00:00-06:00 on the next"
                        + " day)",
                "problems/bad-hours.yaml:10:30: error: '25:00' in '25:00-26:00' is not a time of day: times run from"
                        + " 00:00 to 24:00",
                "problems/bad-hours.yaml:11:28: error: closed date '2026-13-01' is not a date like 2026-12-25",
                "problems/bad-hours.yaml:15:5: error: hours 'two' needs 'timezone': where the business is, like"
                        + " Europe/Paris or America/Los_Angeles");
    }

    @Test
    void listenOutcomesMustMatchWhatItListensFor() {
        assertThat(problems("bad-listen")).containsExactly(
                "problems/bad-listen.yaml:6:21: error: listen cannot wait for 'hum': it listens for 'speech', 'silence',"
                        + " 'keys' or 'phrase'",
                "problems/bad-listen.yaml:11:7: error: 'silence' is only used when 'for' has silence",
                "problems/bad-listen.yaml:16:17: error: phrase name 'timeout' is taken by an outcome of listen: name the"
                        + " phrase differently",
                "problems/bad-listen.yaml:19:47: error: timeout must be between 1s and 30m, not 31m",
                "problems/bad-listen.yaml:23:21: error: node 'five' does not listen for speech: add speech to 'for', or"
                        + " remove 'speech' from 'on'",
                "problems/bad-listen.yaml:23:34: error: node 'five' has no timeout: add 'timeout: 30s' to listen, or"
                        + " remove 'timeout' from 'on'",
                "problems/bad-listen.yaml:25:5: error: listen 'six' listens for a phrase but has no 'phrases': name each"
                        + " phrase and the words that say it",
                "problems/bad-listen.yaml:28:5: error: node 'seven' needs 'on: {speech: ...}': where the call goes when"
                        + " the caller starts speaking",
                "problems/bad-listen.yaml:28:19: warning: listen 'seven' listens for speech and phrase: the caller"
                        + " starts speaking before any phrase is heard, so the speech exit is always taken and the phrase"
                        + " exits never are; listen for one of the two");
    }

    @Test
    void transferNeedsAPhoneNumberOrAUserAndEndsTheFlow() {
        assertThat(problems("bad-transfer")).containsExactly(
                "problems/bad-transfer.yaml:7:20: error: to '14255550100' is not a phone number in international form,"
                        + " like \"+14255550100\"",
                "problems/bad-transfer.yaml:10:27: error: user 'bob' is not an ACS user id, like \"8:acs:...\"",
                "problems/bad-transfer.yaml:13:5: error: transfer 'three' needs 'to': a phone number like"
                        + " \"+14255550100\" or {user: \"8:acs:...\"}",
                "problems/bad-transfer.yaml:17:14: error: after a transfer the caller has left this flow: 'ok' can only"
                        + " be 'hangup' (or leave it out)");
    }

    @Test
    void waitMustBeADurationUpToTenMinutes() {
        assertThat(problems("bad-wait")).containsExactly(
                "problems/bad-wait.yaml:5:11: error: wait must be between 1ms and 10m, not 0s",
                "problems/bad-wait.yaml:8:11: error: wait must be between 1ms and 10m, not 11m",
                "problems/bad-wait.yaml:11:11: error: wait must be a duration like 500ms, 5s or 2m, not 'soon'");
    }

    @Test
    void keysHoldUnholdAndStreamSettingsAreChecked() {
        assertThat(problems("bad-call-verbs")).containsExactly(
                "problems/bad-call-verbs.yaml:7:11: error: keys must be 'on' or 'off', not 'maybe'",
                "problems/bad-call-verbs.yaml:11:14: error: music is one prompt, not a list of 2: ACS loops one sound"
                        + " while the caller is on hold",
                "problems/bad-call-verbs.yaml:14:13: error: unhold takes no settings: write 'unhold: {}'",
                "problems/bad-call-verbs.yaml:17:28: error: 'channels' only goes with 'action: start'",
                "problems/bad-call-verbs.yaml:20:13: error: stream must be 'start' or 'stop', not 'restart' (did you"
                        + " mean 'start'?)");
    }

    @Test
    void failureOfAnAcsOperationThatGoesNowhereIsAnError() {
        assertThat(problems("failed-nowhere-verbs")).containsExactly(
                "problems/failed-nowhere-verbs.yaml:5:5: error: node 'hold': outcome 'failed' goes nowhere: add"
                        + " 'on: {failed: TARGET}' or 'defaults: {onError: TARGET}'",
                "problems/failed-nowhere-verbs.yaml:8:5: error: node 'agent': outcome 'failed' goes nowhere: add"
                        + " 'on: {failed: TARGET}' or 'defaults: {onError: TARGET}'");
    }

    @Test
    void waitingInALoopIsNotWaitingForTheCaller() {
        assertThat(problems("endless-wait-loop")).containsExactly(
                "problems/endless-wait-loop.yaml:4:3: error: nodes 'ring', 'pause' loop forever: the call never waits"
                        + " for the caller and never ends");
    }

    @Test
    void exitsAndVerbNamesOfTheNewVerbsAreChecked() {
        assertThat(problems("misplaced-exit-verbs")).containsExactly(
                "problems/misplaced-exit-verbs.yaml:8:5: error: 'on' is not used by keys: its one way out is 'next'",
                "problems/misplaced-exit-verbs.yaml:12:5: error: 'next' is not used by transfer: it goes on with"
                        + " 'on: {failed: ...}' when the transfer fails",
                "problems/misplaced-exit-verbs.yaml:13:3: warning: node 'dtmf' cannot be reached from start 'keys'",
                "problems/misplaced-exit-verbs.yaml:14:5: error: unknown key 'sendDTMF' in node 'dtmf' (did you mean"
                        + " 'sendDtmf'?)");
    }
}

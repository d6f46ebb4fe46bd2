package org.openivr.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openivr.emulator.Faults;
import org.openivr.emulator.LedgerEntry;
import org.openivr.workflows.CallActivities;
import org.openivr.workflows.HangUpCall;
import org.openivr.workflows.RecordingControl;
import org.openivr.workflows.RecordingStarted;
import org.openivr.workflows.StartRecording;

/** Starting and controlling recordings through the activities, against the emulator over HTTPS. */
class AcsRecordingsEmulatorTest {

    private static RecordingTestApp app;

    @BeforeAll
    static void start() throws Exception {
        app = new RecordingTestApp(0.1);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void sdkOptionsReachTheWireAndTheStateEventsReachTheCall() throws Exception {
        RecordingTestApp.Call call = app.connect();

        RecordingStarted started = app.activities.startRecording(new StartRecording(call.callId(), call.serverCallId(),
                "audio", "unmixed", "wav", false, List.of(RecordingTestApp.CALLER), null, "3/record"));

        assertThat(started.recordingId()).isNotBlank();
        assertThat(started.state()).isEqualTo("inactive");
        LedgerEntry entry = only(call, "startRecording");
        JsonNode body = RecordingTestApp.JSON.readTree(entry.requestBody());
        assertThat(body.at("/callLocator/serverCallId").asText()).isEqualTo(call.serverCallId());
        assertThat(body.get("recordingStateCallbackUri").asText()).isEqualTo(app.settings.callbackUri(call.callId()));
        assertThat(body.get("recordingContentType").asText()).isEqualTo("audio");
        assertThat(body.get("recordingChannelType").asText()).isEqualTo("unmixed");
        assertThat(body.get("recordingFormatType").asText()).isEqualTo("wav");
        assertThat(body.at("/audioChannelParticipantOrdering/0/rawId").asText()).isEqualTo(RecordingTestApp.CALLER);
        assertThat(body.at("/channelAffinity/0/channel").asInt()).isZero();
        assertThat(body.at("/channelAffinity/0/participant/rawId").asText()).isEqualTo(RecordingTestApp.CALLER);
        assertThat(body.has("pauseOnStart")).isFalse();
        assertThat(entry.repeatabilityRequestId())
                .isEqualTo(Repeatability.requestIdFor("startRecording/3/record", call.callId()).toString());

        JsonNode active = app.awaitCallback(call.callId(), "RecordingStateChanged",
                e -> e.at("/data/state").asText().equals("active"));
        assertThat(active.at("/data/recordingId").asText()).isEqualTo(started.recordingId());
        assertThat(app.activities.recordingState(started.recordingId())).isEqualTo("active");

        app.activities.controlRecording(new RecordingControl(started.recordingId(), RecordingControl.Action.PAUSE));
        app.awaitCallback(call.callId(), "RecordingStateChanged", e -> e.at("/data/state").asText().equals("inactive"));
        assertThat(app.activities.recordingState(started.recordingId())).isEqualTo("inactive");
        app.activities.controlRecording(new RecordingControl(started.recordingId(), RecordingControl.Action.RESUME));
        assertThat(app.activities.recordingState(started.recordingId())).isEqualTo("active");
        app.activities.controlRecording(new RecordingControl(started.recordingId(), RecordingControl.Action.STOP));
        app.activities.controlRecording(new RecordingControl(started.recordingId(), RecordingControl.Action.STOP));

        assertThatThrownBy(() -> app.activities.controlRecording(
                new RecordingControl(started.recordingId(), RecordingControl.Action.PAUSE)))
                .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
                    assertThat(f.isNonRetryable()).isTrue();
                    assertThat(f.getType()).isEqualTo(CallActivities.REJECTED);
                    assertThat(f.getOriginalMessage()).contains("HTTP 404").contains("Recording not found");
                });
        assertThat(app.acs.ledger().entries(call.callConnectionId()).stream().map(LedgerEntry::operation).toList())
                .containsSubsequence("startRecording", "getRecording", "pauseRecording", "getRecording",
                        "resumeRecording", "getRecording", "stopRecording");
        app.activities.hangUp(new HangUpCall(call.callConnectionId(), true));
    }

    @Test
    void pauseOnStartAndBringYourOwnStorageGoOverRestAtTheNewestVersion() throws Exception {
        RecordingTestApp.Call call = app.connect();
        String container = "https://contosorecordings.blob.core.windows.net/calls";

        RecordingStarted started = app.activities.startRecording(new StartRecording(call.callId(), call.serverCallId(),
                "audio-video", "mixed", "mp4", true, List.of(), container, "4/record"));

        assertThat(started.state()).isEqualTo("inactive");
        JsonNode body = RecordingTestApp.JSON.readTree(only(call, "startRecording").requestBody());
        assertThat(body.get("recordingContentType").asText()).isEqualTo("audioVideo");
        assertThat(body.get("recordingChannelType").asText()).isEqualTo("mixed");
        assertThat(body.get("recordingFormatType").asText()).isEqualTo("mp4");
        assertThat(body.get("pauseOnStart").asBoolean()).isTrue();
        assertThat(body.at("/externalStorage/recordingStorageKind").asText()).isEqualTo("azureBlobStorage");
        assertThat(body.at("/externalStorage/recordingDestinationContainerUrl").asText()).isEqualTo(container);
        assertThat(body.has("audioChannelParticipantOrdering")).isFalse();
        JsonNode state = app.awaitCallback(call.callId(), "RecordingStateChanged", e -> true);
        assertThat(state.at("/data/state").asText()).isEqualTo("inactive");
        assertThat(state.at("/data/version").asText()).isEqualTo(AcsRestExtension.API_VERSION);
        assertThat(app.activities.recordingState(started.recordingId())).isEqualTo("inactive");

        app.activities.controlRecording(new RecordingControl(started.recordingId(), RecordingControl.Action.RESUME));
        app.awaitCallback(call.callId(), "RecordingStateChanged", e -> e.at("/data/state").asText().equals("active"));
        app.activities.hangUp(new HangUpCall(call.callConnectionId(), true));
    }

    @Test
    void mp3AndMixedGoOverTheSdkToo() throws Exception {
        RecordingTestApp.Call call = app.connect();

        app.activities.startRecording(new StartRecording(call.callId(), call.serverCallId(), "audio", "mixed", "mp3",
                false, null, null, "5/record"));

        JsonNode body = RecordingTestApp.JSON.readTree(only(call, "startRecording").requestBody());
        assertThat(body.get("recordingFormatType").asText()).isEqualTo("mp3");
        assertThat(body.get("recordingChannelType").asText()).isEqualTo("mixed");
        app.activities.hangUp(new HangUpCall(call.callConnectionId(), true));
    }

    @Test
    void startingTwiceForOneStepRecordsOnceOverEitherPath() throws Exception {
        RecordingTestApp.Call sdkCall = app.connect();
        RecordingTestApp.Call restCall = app.connect();
        StartRecording overSdk = new StartRecording(sdkCall.callId(), sdkCall.serverCallId(), "audio", "mixed", "wav",
                false, List.of(), null, "6/record");
        StartRecording overRest = new StartRecording(restCall.callId(), restCall.serverCallId(), "audio", "mixed",
                "wav", true, List.of(), null, "6/record");

        RecordingStarted first = app.activities.startRecording(overSdk);
        RecordingStarted again = app.activities.startRecording(overSdk);
        RecordingStarted firstRest = app.activities.startRecording(overRest);
        RecordingStarted againRest = app.activities.startRecording(overRest);

        assertThat(again).isEqualTo(first);
        assertThat(againRest).isEqualTo(firstRest);
        assertThat(app.acs.ledger().count(sdkCall.callConnectionId(), "startRecording")).isEqualTo(1);
        assertThat(app.acs.ledger().count(restCall.callConnectionId(), "startRecording")).isEqualTo(1);
        app.activities.hangUp(new HangUpCall(sdkCall.callConnectionId(), true));
        app.activities.hangUp(new HangUpCall(restCall.callConnectionId(), true));
    }

    @Test
    void aStartWhoseResponseIsLostIsRetriedWithoutRecordingTwice() throws Exception {
        RecordingTestApp.Call call = app.connect();
        app.acs.setFaults(new Faults(false, null, Set.of("startRecording")));
        try {
            RecordingStarted started = app.activities.startRecording(new StartRecording(call.callId(),
                    call.serverCallId(), "audio", "mixed", "wav", false, List.of(), null, "7/record"));

            assertThat(started.recordingId()).isNotBlank();
            assertThat(app.acs.ledger().count(call.callConnectionId(), "startRecording")).isEqualTo(1);
        } finally {
            app.acs.setFaults(Faults.none());
        }
        app.activities.hangUp(new HangUpCall(call.callConnectionId(), true));
    }

    @Test
    void badRequestsAreRejectedForGood() throws Exception {
        RecordingTestApp.Call call = app.connect();
        List<StartRecording> bad = List.of(
                new StartRecording(call.callId(), call.serverCallId(), "video", "mixed", "wav", false, null, null, "8/r"),
                new StartRecording(call.callId(), call.serverCallId(), "audio", "stereo", "wav", false, null, null, "8/r"),
                new StartRecording(call.callId(), null, "audio", "mixed", "wav", false, null, null, "8/r"),
                new StartRecording(call.callId(), call.serverCallId(), "audio", "mixed", "wav", false, null,
                        "not a url", "8/r"),
                // ACS itself refuses this one: unmixed is wav only
                new StartRecording(call.callId(), call.serverCallId(), "audio", "unmixed", "mp3", false, null, null,
                        "9/r"));
        for (StartRecording request : bad) {
            assertThatThrownBy(() -> app.activities.startRecording(request))
                    .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
                        assertThat(f.isNonRetryable()).isTrue();
                        assertThat(f.getType()).isEqualTo(CallActivities.REJECTED);
                    });
        }
        assertThat(app.acs.ledger().entries(call.callConnectionId()).stream()
                .filter(e -> e.operation().equals("startRecording")).map(LedgerEntry::status).toList())
                .containsExactly(400);
        app.activities.hangUp(new HangUpCall(call.callConnectionId(), true));
    }

    private static LedgerEntry only(RecordingTestApp.Call call, String operation) {
        List<LedgerEntry> entries = app.acs.ledger().entries(call.callConnectionId()).stream()
                .filter(e -> e.operation().equals(operation)).toList();
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }
}

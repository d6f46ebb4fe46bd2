package org.openivr.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openivr.workflows.CallEvent;
import org.openivr.workflows.CallEventKind;

class CallbackParserTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsRecognizeCompletedWithTonesAsKeys() {
        List<CallEvent> events = CallbackParser.parse(bytes("""
                [{"id":"e1","source":"calling/callConnections/c1","type":"Microsoft.Communication.RecognizeCompleted",
                  "specversion":"1.0","time":"2025-06-16T20:52:32.9896642+00:00",
                  "data":{"operationContext":"4/main","callConnectionId":"c1",
                    "resultInformation":{"code":200,"subCode":8514,"message":"Action completed, stop tone detected"},
                    "recognitionType":"dtmf","dtmfResult":{"tones":["one","two","asterisk","pound"]}}}]
                """));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("e1");
            assertThat(e.kind()).isEqualTo(CallEventKind.RECOGNIZE_COMPLETED);
            assertThat(e.operationContext()).isEqualTo("4/main");
            assertThat(e.subCode()).isEqualTo(8514);
            assertThat(e.tones()).containsExactly("1", "2", "*", "#");
        });
    }

    @Test
    void readsContinuousToneAndRecordingState() {
        CallEvent tone = CallbackParser.parse(bytes("""
                [{"id":"t1","type":"Microsoft.Communication.ContinuousDtmfRecognitionToneReceived",
                  "data":{"sequenceId":3,"tone":"pound","operationContext":"2/keys","resultInformation":{"code":200,"subCode":0}}}]
                """)).get(0);
        assertThat(tone.kind()).isEqualTo(CallEventKind.CONTINUOUS_DTMF_TONE_RECEIVED);
        assertThat(tone.tones()).containsExactly("#");
        assertThat(tone.sequenceId()).isEqualTo(3L);

        CallEvent recording = CallbackParser.parse(bytes("""
                [{"id":"r1","type":"Microsoft.Communication.RecordingStateChanged",
                  "data":{"recordingId":"rec-1","state":"active","callConnectionId":"c1"}}]
                """)).get(0);
        assertThat(recording.kind()).isEqualTo(CallEventKind.RECORDING_STATE_CHANGED);
        assertThat(recording.recordingId()).isEqualTo("rec-1");
        assertThat(recording.state()).isEqualTo("active");
    }

    @Test
    void unknownEventTypesAreKeptAsOther() {
        List<CallEvent> events = CallbackParser.parse(bytes("""
                [{"id":"e2","type":"Microsoft.Communication.ParticipantsUpdated","data":{"callConnectionId":"c1"}}]"""));
        assertThat(events.get(0).kind()).isEqualTo(CallEventKind.OTHER);
        assertThat(events.get(0).operationContext()).isNull();
    }

    @Test
    void malformedBodiesAreRejectedWithTheReason() {
        assertThatThrownBy(() -> CallbackParser.parse(bytes("")))
                .isInstanceOf(BadPayload.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> CallbackParser.parse(bytes("{not json")))
                .isInstanceOf(BadPayload.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> CallbackParser.parse(bytes("{\"id\":\"x\"}")))
                .isInstanceOf(BadPayload.class).hasMessageContaining("JSON array");
        assertThatThrownBy(() -> CallbackParser.parse(bytes("[]")))
                .isInstanceOf(BadPayload.class).hasMessageContaining("no event");
        assertThatThrownBy(() -> CallbackParser.parse(bytes("[{\"type\":\"Microsoft.Communication.PlayCompleted\",\"data\":{}}]")))
                .isInstanceOf(BadPayload.class).hasMessageContaining("'id'");
        assertThatThrownBy(() -> CallbackParser.parse(bytes("[{\"id\":\"a\",\"type\":\"Microsoft.Communication.PlayCompleted\"}]")))
                .isInstanceOf(BadPayload.class).hasMessageContaining("'data'");
        assertThatThrownBy(() -> CallbackParser.parse(bytes("""
                [{"id":"a","type":"Microsoft.Communication.RecognizeCompleted","data":{"dtmfResult":{"tones":["eleven"]}}}]""")))
                .isInstanceOf(BadPayload.class).hasMessageContaining("unknown tone 'eleven'");
    }
}

package org.openivr.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openivr.workflows.recording.RecordingChunk;
import org.openivr.workflows.recording.RecordingFileStatus;

class RecordingFileStatusParserTest {

    static final String RECORDING = "eyJQbGF0Zm9ybUVuZHBvaW50SWQiOiJhIn0+/=";
    static final String SERVER_CALL = "aHR0cHM6Ly9hcGkv+/=";

    static String event(String id, String subject, String dataRecordingId, String chunks) {
        return """
                [{"id":"%s","topic":"/subscriptions/x","subject":"%s",
                  "data":{%s"recordingStorageInfo":{"recordingChunks":%s},
                    "recordingStartTime":"2025-06-16T20:52:41.123Z","recordingDurationMs":4200,
                    "recordingContentType":"Audio","recordingChannelType":"Unmixed","recordingFormatType":"Wav",
                    "sessionEndReason":"CallEnded"},
                  "eventType":"Microsoft.Communication.RecordingFileStatusUpdated","dataVersion":"1.0",
                  "metadataVersion":"1","eventTime":"2025-06-16T20:53:41.123Z"}]"""
                .formatted(id, subject, dataRecordingId == null ? "" : "\"recordingId\":\"" + dataRecordingId + "\",",
                        chunks);
    }

    static String chunk(int index) {
        String base = "https://localhost:8443/v1/objects/doc-" + index;
        return """
                {"documentId":"doc-%d","index":%d,"endReason":"SessionEnded","contentLocation":"%s/content/audio",
                 "metadataLocation":"%s/content/acsmetadata","deleteLocation":"%s"}""".formatted(index, index, base, base,
                base);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsEveryChunkAndTheIdsOfTheSubject() {
        String subject = "/recording/call/corr-1/serverCallId/" + SERVER_CALL + "/recordingId/" + RECORDING;

        List<EventGridEvent> events = EventGridParser.parse(bytes(event("ev-1", subject, null,
                "[" + chunk(0) + "," + chunk(1) + "]")));

        assertThat(events).hasSize(1);
        RecordingFileStatus status = ((EventGridEvent.RecordingFileStatusUpdated) events.get(0)).status();
        assertThat(status.eventId()).isEqualTo("ev-1");
        assertThat(status.recordingId()).isEqualTo(RECORDING);
        assertThat(status.correlationId()).isEqualTo("corr-1");
        assertThat(status.serverCallId()).isEqualTo(SERVER_CALL);
        assertThat(status.recordingDurationMs()).isEqualTo(4200);
        assertThat(status.formatType()).isEqualTo("Wav");
        assertThat(status.channelType()).isEqualTo("Unmixed");
        assertThat(status.sessionEndReason()).isEqualTo("CallEnded");
        assertThat(status.chunks()).containsExactly(
                new RecordingChunk("doc-0", 0, "SessionEnded", "https://localhost:8443/v1/objects/doc-0/content/audio",
                        "https://localhost:8443/v1/objects/doc-0/content/acsmetadata",
                        "https://localhost:8443/v1/objects/doc-0"),
                new RecordingChunk("doc-1", 1, "SessionEnded", "https://localhost:8443/v1/objects/doc-1/content/audio",
                        "https://localhost:8443/v1/objects/doc-1/content/acsmetadata",
                        "https://localhost:8443/v1/objects/doc-1"));
    }

    @Test
    void dataRecordingIdWinsAndCloudEventsWorkToo() {
        String cloudEvent = """
                {"id":"ce-1","type":"Microsoft.Communication.RecordingFileStatusUpdated","specversion":"1.0",
                 "source":"/subscriptions/x","subject":"/recording/call/c/serverCallId/s",
                 "data":{"recordingId":"rec-9","recordingStorageInfo":{"recordingChunks":[%s]}}}""".formatted(chunk(0));

        RecordingFileStatus status = ((EventGridEvent.RecordingFileStatusUpdated)
                EventGridParser.parse(bytes(cloudEvent)).get(0)).status();

        assertThat(status.recordingId()).isEqualTo("rec-9");
        assertThat(status.correlationId()).isEqualTo("c");
        assertThat(status.serverCallId()).isEqualTo("s");
        assertThat(status.chunks()).hasSize(1);
    }

    @Test
    void malformedEventsSayWhatIsWrong() {
        String subject = "/recording/call/c/serverCallId/s/recordingId/r";
        assertThatThrownBy(() -> EventGridParser.parse(bytes(event("e", "/recording/call/c/serverCallId/s", null,
                "[" + chunk(0) + "]")))).isInstanceOf(BadPayload.class).hasMessageContaining("names no recording");
        assertThatThrownBy(() -> EventGridParser.parse(bytes(event("e", subject, null, "[]"))))
                .isInstanceOf(BadPayload.class).hasMessageContaining("recordingChunks' is missing or empty");
        assertThatThrownBy(() -> EventGridParser.parse(bytes(event("e", subject, null,
                "[" + chunk(0).replace("https://localhost:8443/v1/objects/doc-0/content/audio", "/relative") + "]"))))
                .isInstanceOf(BadPayload.class).hasMessageContaining("'contentLocation' is not an absolute http(s) URL");
        assertThatThrownBy(() -> EventGridParser.parse(bytes(event("e", subject, null,
                "[" + chunk(0) + "," + chunk(0) + "]"))))
                .isInstanceOf(BadPayload.class).hasMessageContaining("chunk index 0 appears twice");
        assertThatThrownBy(() -> EventGridParser.parse(bytes(event("e", subject, null,
                "[" + chunk(0).replace("\"index\":0", "\"index\":\"zero\"") + "]"))))
                .isInstanceOf(BadPayload.class).hasMessageContaining("'index'");
        assertThatThrownBy(() -> EventGridParser.parse(bytes(event("e", subject, null,
                "[" + chunk(0).replace("\"documentId\":\"doc-0\",", "") + "]"))))
                .isInstanceOf(BadPayload.class).hasMessageContaining("'documentId'");
    }
}

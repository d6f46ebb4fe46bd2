package org.openivr.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openivr.workflows.recording.RecordingChunk;
import org.openivr.workflows.recording.RecordingFileStatus;

/**
 * Reads {@code Microsoft.Communication.RecordingFileStatusUpdated} (acs-wire 4.4). The recording id comes from
 * {@code data.recordingId} or, in payloads without it, from the subject
 * {@code /recording/call/{correlationId}/serverCallId/{serverCallId}/recordingId/{recordingId}}; the
 * correlationId exists only in the subject.
 */
final class RecordingFileStatusParser {
    static final String TYPE = "Microsoft.Communication.RecordingFileStatusUpdated";
    private static final String WHAT = "RecordingFileStatusUpdated";
    private static final String CALL = "/recording/call/";
    private static final String SERVER_CALL = "/serverCallId/";
    private static final String RECORDING = "/recordingId/";

    private RecordingFileStatusParser() {}

    static RecordingFileStatus parse(JsonNode event, String id) {
        JsonNode data = event.get("data");
        if (data == null || !data.isObject()) {
            throw new BadPayload(WHAT + " " + id + " has no 'data' object");
        }
        String subject = Json.optionalText(event, "subject");
        String recordingId = Json.optionalText(data, "recordingId");
        if (recordingId == null || recordingId.isBlank()) {
            recordingId = fromSubject(subject, RECORDING, null);
        }
        if (recordingId == null || recordingId.isBlank()) {
            throw new BadPayload(WHAT + " " + id + " names no recording: neither 'data.recordingId' nor a subject "
                    + "ending in /recordingId/{id} (subject was '" + subject + "')");
        }
        JsonNode chunks = data.path("recordingStorageInfo").path("recordingChunks");
        if (!chunks.isArray() || chunks.isEmpty()) {
            throw new BadPayload(WHAT + " " + id + ": 'data.recordingStorageInfo.recordingChunks' is missing or empty");
        }
        List<RecordingChunk> list = new ArrayList<>();
        Set<Integer> indexes = new HashSet<>();
        for (JsonNode chunk : chunks) {
            if (!chunk.isObject()) {
                throw new BadPayload(WHAT + " " + id + ": every recording chunk must be an object");
            }
            JsonNode index = chunk.get("index");
            if (index == null || !index.canConvertToInt() || !index.isIntegralNumber() || index.asInt() < 0) {
                throw new BadPayload(WHAT + " " + id + ": a chunk's 'index' is missing or not a whole number >= 0");
            }
            if (!indexes.add(index.asInt())) {
                throw new BadPayload(WHAT + " " + id + ": chunk index " + index.asInt() + " appears twice");
            }
            list.add(new RecordingChunk(Json.text(chunk, "documentId", WHAT + " " + id + " chunk"), index.asInt(),
                    Json.optionalText(chunk, "endReason"), url(chunk, "contentLocation", id),
                    url(chunk, "metadataLocation", id), url(chunk, "deleteLocation", id)));
        }
        JsonNode duration = data.get("recordingDurationMs");
        return new RecordingFileStatus(id, recordingId, fromSubject(subject, CALL, SERVER_CALL),
                fromSubject(subject, SERVER_CALL, RECORDING), Json.optionalText(data, "recordingStartTime"),
                duration != null && duration.canConvertToLong() ? duration.asLong() : 0,
                Json.optionalText(data, "recordingContentType"), Json.optionalText(data, "recordingChannelType"),
                Json.optionalText(data, "recordingFormatType"), Json.optionalText(data, "sessionEndReason"), list);
    }

    private static String url(JsonNode chunk, String field, String id) {
        String value = Json.text(chunk, field, WHAT + " " + id + " chunk");
        try {
            URI uri = URI.create(value);
            String scheme = uri.getScheme();
            if (uri.isAbsolute() && uri.getHost() != null && ("https".equalsIgnoreCase(scheme)
                    || "http".equalsIgnoreCase(scheme))) {
                return value;
            }
        } catch (IllegalArgumentException e) {
            // below
        }
        throw new BadPayload(WHAT + " " + id + ": a chunk's '" + field + "' is not an absolute http(s) URL: " + value);
    }

    /** The part of the subject after {@code start} and before {@code end} (or its end); null when absent. */
    static String fromSubject(String subject, String start, String end) {
        if (subject == null) {
            return null;
        }
        int from = subject.indexOf(start);
        if (from < 0) {
            return null;
        }
        from += start.length();
        int to = end == null ? subject.length() : subject.indexOf(end, from);
        if (to < 0) {
            to = subject.length();
        }
        String value = subject.substring(from, to);
        return value.isEmpty() ? null : value;
    }
}

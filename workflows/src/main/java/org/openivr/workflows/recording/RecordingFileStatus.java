package org.openivr.workflows.recording;

import java.util.List;

/**
 * The signal a {@link RecordingWorkflow} receives: one {@code Microsoft.Communication.RecordingFileStatusUpdated}
 * delivery (acs-wire 4.4). Names of the enum-like fields are as ACS writes them in this event
 * ({@code Audio}, {@code Unmixed}, {@code Wav}).
 *
 * @param eventId     the Event Grid event id; a redelivery carries the same one
 * @param recordingId from {@code data.recordingId}, or else the event's subject
 */
public record RecordingFileStatus(String eventId, String recordingId, String correlationId, String serverCallId,
                                  String recordingStartTime, long recordingDurationMs, String contentType,
                                  String channelType, String formatType, String sessionEndReason,
                                  List<RecordingChunk> chunks) {
    public RecordingFileStatus {
        chunks = chunks == null ? List.of() : List.copyOf(chunks);
    }
}

package org.openivr.workflows.recording;

/**
 * Download one chunk's content and metadata from the source and store them.
 *
 * @param recordingId the recording; with {@code chunk.index()} it keys the stored objects
 * @param formatType  the recording's format as the event named it ({@code Wav}, {@code Mp3}, {@code Mp4}),
 *                    used only when the download does not say what it is
 */
public record StoreChunk(String recordingId, RecordingChunk chunk, String formatType) {}

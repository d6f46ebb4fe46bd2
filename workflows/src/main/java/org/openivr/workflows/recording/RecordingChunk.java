package org.openivr.workflows.recording;

/**
 * One chunk of a recording as {@code RecordingFileStatusUpdated} lists it (acs-wire 4.4,
 * {@code recordingStorageInfo.recordingChunks[]}).
 *
 * @param documentId       the storage object's id at the source
 * @param index            0-based position of the chunk in the recording
 * @param endReason        why the chunk ended, e.g. {@code SessionEnded}, {@code ChunkMaximumSizeExceeded}
 * @param contentLocation  where the media is downloaded (HMAC-signed GET)
 * @param metadataLocation where the chunk's JSON metadata is downloaded
 * @param deleteLocation   DELETE here removes content and metadata at the source
 */
public record RecordingChunk(String documentId, int index, String endReason, String contentLocation,
                             String metadataLocation, String deleteLocation) {}

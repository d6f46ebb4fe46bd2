package org.openivr.workflows.recording;

import io.temporal.activity.ActivityInterface;

/**
 * What a {@link RecordingWorkflow} asks of the outside world. Both methods are idempotent: the store is keyed
 * by recording id and chunk index (a retry overwrites or finds the chunk already stored), and deleting a chunk
 * the source no longer has succeeds.
 */
@ActivityInterface(namePrefix = "Recording")
public interface RecordingFileActivities {
    /** Failure type: the source has no such chunk (404) and the store does not hold it either. Not retried. */
    String CHUNK_GONE = "RecordingChunkGone";
    /** Failure type: the chunk's locations are unusable (not absolute http(s) URLs). Not retried. */
    String INVALID_CHUNK = "RecordingChunkInvalid";

    /**
     * Streams the chunk's content and metadata from the source into the store and returns once the store has
     * confirmed both (for a file system: written and renamed into place; for Azure Blob: committed).
     */
    StoredChunk storeChunk(StoreChunk request);

    /** {@code DELETE deleteLocation}; 404 means it is already gone, which is success. */
    void deleteChunk(DeleteChunk request);
}

package org.openivr.activities;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Where recording files end up. Objects are named by a recording key ({@code RecordingIds.key}) and a file name;
 * writing one is atomic: readers see the old object (or none) until {@link Upload#commit()} returns, then the whole
 * new one. Writing the same name again replaces it, which is what makes a retried store idempotent.
 */
public interface RecordingStore {

    /**
     * Starts writing an object.
     *
     * @param expectedBytes the size it must have, checked at commit; negative when unknown
     */
    Upload create(String recordingKey, String fileName, String contentType, long expectedBytes) throws IOException;

    /** A small object's bytes (e.g. a chunk's marker), or empty when there is none. */
    Optional<byte[]> read(String recordingKey, String fileName) throws IOException;

    /** Where the object is or would be: a path or a URL, for logs and the workflow's report. */
    String location(String recordingKey, String fileName);

    /** One object being written. Closing without committing discards it. */
    interface Upload extends Closeable {
        OutputStream stream();

        /** Makes the object visible; returns once the store has it for good. */
        Stored commit() throws IOException;

        @Override
        void close() throws IOException;
    }

    /** A committed object. */
    record Stored(String location, long bytes) {}
}

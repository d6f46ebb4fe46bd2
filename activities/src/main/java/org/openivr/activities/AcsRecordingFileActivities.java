package org.openivr.activities;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.openivr.workflows.recording.DeleteChunk;
import org.openivr.workflows.recording.RecordingChunk;
import org.openivr.workflows.recording.RecordingFileActivities;
import org.openivr.workflows.recording.RecordingIds;
import org.openivr.workflows.recording.StoreChunk;
import org.openivr.workflows.recording.StoredChunk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RecordingFileActivities} over ACS and a {@link RecordingStore}. A chunk is stored as three objects under
 * {@code RecordingIds.key(recordingId)}: {@code chunk-00000.wav} (extension from the download's Content-Type),
 * {@code chunk-00000.acsmetadata.json}, and last {@code chunk-00000.stored.json}, the marker that says both are
 * complete. A retry finds the marker and downloads nothing; without it, it downloads again and overwrites.
 * Deleting at the source is refused unless the marker is there.
 *
 * <p>Failures: the source no longer having a chunk that was never stored is {@link #CHUNK_GONE} (not retried);
 * unusable locations are {@link #INVALID_CHUNK}; anything else (the store or ACS unreachable, 5xx, a broken
 * download) propagates and Temporal retries it.
 */
public final class AcsRecordingFileActivities implements RecordingFileActivities {

    private static final Logger log = LoggerFactory.getLogger(AcsRecordingFileActivities.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AcsRecordingSource source;
    private final RecordingStore store;

    public AcsRecordingFileActivities(AcsSettings settings, RecordingStore store) {
        this(new AcsRecordingSource(settings, new AcsClients(settings)), store);
    }

    public AcsRecordingFileActivities(AcsRecordingSource source, RecordingStore store) {
        this.source = Objects.requireNonNull(source, "source");
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public StoredChunk storeChunk(StoreChunk request) {
        RecordingChunk chunk = request == null ? null : request.chunk();
        if (chunk == null || blank(request.recordingId())) {
            throw invalid("a store request without recording id or chunk");
        }
        requireUrl(chunk.contentLocation(), "contentLocation");
        requireUrl(chunk.metadataLocation(), "metadataLocation");
        String key = RecordingIds.key(request.recordingId());
        String base = baseName(chunk.index());
        try {
            Optional<StoredChunk> earlier = marker(key, base).filter(m -> Objects.equals(m.documentId(), chunk.documentId()));
            if (earlier.isPresent()) {
                log.info("recording {} chunk {} already stored at {}; nothing downloaded", request.recordingId(),
                        chunk.index(), earlier.get().contentLocation());
                return earlier.get();
            }
            Fetched content = fetch(chunk.contentLocation(), key,
                    contentType -> base + "." + extension(contentType, request.formatType()));
            Fetched metadata = fetch(chunk.metadataLocation(), key, contentType -> base + ".acsmetadata.json");
            StoredChunk stored = new StoredChunk(chunk.index(), chunk.documentId(), content.stored().location(),
                    content.contentType(), content.stored().bytes(), metadata.stored().location(),
                    metadata.stored().bytes(), false);
            writeMarker(key, base, request.recordingId(), stored);
            log.info("recording {} chunk {} stored: {} ({} bytes, {}) and {} ({} bytes)", request.recordingId(),
                    chunk.index(), stored.contentLocation(), stored.contentBytes(), stored.contentType(),
                    stored.metadataLocation(), stored.metadataBytes());
            return stored;
        } catch (AcsRecordingSource.NotFound e) {
            throw ApplicationFailure.newNonRetryableFailure("recording " + request.recordingId() + " chunk "
                    + chunk.index() + " (" + chunk.documentId() + ") is not at the source and was never stored: "
                    + e.getMessage(), CHUNK_GONE);
        } catch (IOException e) {
            log.warn("recording {} chunk {} not stored yet, will be retried: {}", request.recordingId(), chunk.index(),
                    e.toString());
            throw new UncheckedIOException("storing recording " + request.recordingId() + " chunk " + chunk.index()
                    + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void deleteChunk(DeleteChunk request) {
        if (request == null || blank(request.recordingId())) {
            throw invalid("a delete request without recording id");
        }
        requireUrl(request.deleteLocation(), "deleteLocation");
        String key = RecordingIds.key(request.recordingId());
        try {
            if (marker(key, baseName(request.index())).isEmpty()) {
                throw ApplicationFailure.newNonRetryableFailure("refusing to delete recording " + request.recordingId()
                        + " chunk " + request.index() + " at the source: the store does not hold it", INVALID_CHUNK);
            }
            boolean deleted = source.delete(request.deleteLocation());
            log.info("recording {} chunk {} {} at the source", request.recordingId(), request.index(),
                    deleted ? "deleted" : "was already deleted");
        } catch (IOException e) {
            log.warn("recording {} chunk {} not deleted yet, will be retried: {}", request.recordingId(),
                    request.index(), e.toString());
            throw new UncheckedIOException("deleting recording " + request.recordingId() + " chunk "
                    + request.index() + " failed: " + e.getMessage(), e);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private record Fetched(RecordingStore.Stored stored, String contentType) {}

    /** Streams one object from the source into the store, named once its content type is known. */
    private Fetched fetch(String url, String key, Function<String, String> nameFor) throws IOException {
        RecordingStore.Upload[] upload = new RecordingStore.Upload[1];
        String[] type = new String[1];
        try {
            source.download(url, (contentType, length) -> {
                type[0] = blank(contentType) ? "application/octet-stream" : contentType;
                upload[0] = store.create(key, nameFor.apply(type[0]), type[0], length);
                return upload[0].stream();
            });
            if (upload[0] == null) {
                throw new IOException("download of " + url + " produced nothing");
            }
            return new Fetched(upload[0].commit(), type[0]);
        } finally {
            if (upload[0] != null) {
                upload[0].close();
            }
        }
    }

    private void writeMarker(String key, String base, String recordingId, StoredChunk stored) throws IOException {
        ObjectNode marker = JSON.valueToTree(stored);
        marker.put("recordingId", recordingId);
        marker.put("storedAt", Instant.now().toString());
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(marker);
        try (RecordingStore.Upload upload = store.create(key, base + ".stored.json", "application/json", bytes.length)) {
            upload.stream().write(bytes);
            upload.commit();
        }
    }

    private Optional<StoredChunk> marker(String key, String base) throws IOException {
        Optional<byte[]> bytes = store.read(key, base + ".stored.json");
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(new String(bytes.get(), StandardCharsets.UTF_8));
            return Optional.of(new StoredChunk(node.path("index").asInt(), node.path("documentId").asText(null),
                    node.path("contentLocation").asText(null), node.path("contentType").asText(null),
                    node.path("contentBytes").asLong(), node.path("metadataLocation").asText(null),
                    node.path("metadataBytes").asLong(), true));
        } catch (JsonProcessingException e) {
            log.warn("marker {}/{}.stored.json is unreadable; the chunk is stored again", key, base);
            return Optional.empty();
        }
    }

    static String baseName(int index) {
        return String.format(Locale.ROOT, "chunk-%05d", index);
    }

    /** The file extension for what the source sent; the event's format type when the Content-Type says nothing. */
    static String extension(String contentType, String formatType) {
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave" -> "wav";
            case "audio/mpeg", "audio/mp3" -> "mp3";
            case "video/mp4", "audio/mp4" -> "mp4";
            default -> {
                String format = formatType == null ? "" : formatType.trim().toLowerCase(Locale.ROOT);
                yield format.matches("wav|mp3|mp4") ? format : "bin";
            }
        };
    }

    private static void requireUrl(String value, String field) {
        try {
            URI uri = URI.create(value == null ? "" : value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.isAbsolute() && (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                return;
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw invalid(field + " is not an absolute http(s) URL: " + value);
    }

    private static ApplicationFailure invalid(String message) {
        return ApplicationFailure.newNonRetryableFailure(message, INVALID_CHUNK);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

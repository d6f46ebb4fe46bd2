package org.openivr.workflows.recording;

import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;

/**
 * {@link RecordingWorkflow}: the signal handler only records what is new; the main loop stores each new chunk
 * and, once the store confirmed it, deletes it at the source. Chunks are handled one at a time in index order.
 *
 * <p>Nothing is lost while the store is down: the store activity retries with backoff (5 s doubling up to
 * 10 min) for up to {@link #STORE_GIVE_UP} before the chunk counts as failed, and a chunk is never deleted at
 * the source before its store activity returned.
 */
public class RecordingWorkflowImpl implements RecordingWorkflow {

    /** After the last chunk is handled, how long to wait for another event before completing. */
    static final Duration QUIET_PERIOD = Duration.ofMinutes(5);
    /** How long a chunk may take to store, retries included (ACS keeps recordings for a limited time). */
    static final Duration STORE_GIVE_UP = Duration.ofHours(24);

    private static final RetryOptions RETRY = RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(5))
            .setBackoffCoefficient(2.0)
            .setMaximumInterval(Duration.ofMinutes(10))
            .setDoNotRetry(RecordingFileActivities.CHUNK_GONE, RecordingFileActivities.INVALID_CHUNK)
            .build();

    private final Logger log = Workflow.getLogger(RecordingWorkflowImpl.class);
    private final RecordingFileActivities store = Workflow.newActivityStub(RecordingFileActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofMinutes(30))
                    .setScheduleToCloseTimeout(STORE_GIVE_UP)
                    .setRetryOptions(RETRY)
                    .build());
    private final RecordingFileActivities source = Workflow.newActivityStub(RecordingFileActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofMinutes(2))
                    .setScheduleToCloseTimeout(STORE_GIVE_UP)
                    .setRetryOptions(RETRY)
                    .build());

    private record Pending(RecordingChunk chunk, String formatType, String recordingId) {}

    private String recordingId;
    private final Set<String> seenEvents = new LinkedHashSet<>();
    /** Every chunk ever announced, by index: the de-duplication of chunks. */
    private final Map<Integer, RecordingChunk> known = new TreeMap<>();
    private final TreeMap<Integer, Pending> pending = new TreeMap<>();
    private final Map<Integer, StoredChunk> stored = new TreeMap<>();
    private final Set<Integer> deleted = new TreeSet<>();
    private final Set<Integer> missing = new TreeSet<>();
    private final Map<Integer, String> failed = new TreeMap<>();
    private int duplicateEvents;

    @Override
    public RecordingFilesReport run(RecordingFilesInput input) {
        recordingId = Objects.requireNonNull(input, "input").recordingId();
        do {
            while (!pending.isEmpty()) {
                handle(pending.pollFirstEntry().getValue());
            }
        } while (moreArriveWithin(QUIET_PERIOD));
        Workflow.await(Workflow::isEveryHandlerFinished);
        RecordingFilesReport report = report();
        if (!missing.isEmpty() || !failed.isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure("recording " + recordingId + ": " + stored.size()
                    + " chunk(s) stored, " + (missing.isEmpty() ? "" : "gone at the source before they were stored "
                    + missing + ", ") + (failed.isEmpty() ? "" : "failed " + failed), INCOMPLETE, report);
        }
        log.info("recording {}: {} chunk(s) stored and deleted at the source", recordingId, stored.size());
        return report;
    }

    @Override
    public void fileStatusUpdated(RecordingFileStatus status) {
        if (status == null) {
            return;
        }
        if (status.eventId() != null && !seenEvents.add(status.eventId())) {
            duplicateEvents++;
            log.info("recording {}: event {} delivered again; ignored", status.recordingId(), status.eventId());
            return;
        }
        int added = 0;
        for (RecordingChunk chunk : status.chunks()) {
            if (chunk == null) {
                continue;
            }
            RecordingChunk before = known.putIfAbsent(chunk.index(), chunk);
            if (before == null) {
                pending.put(chunk.index(), new Pending(chunk, status.formatType(), status.recordingId()));
                added++;
            } else if (!Objects.equals(before.documentId(), chunk.documentId())) {
                log.warn("recording {}: chunk {} announced again with document {} (first {}); the first is kept",
                        status.recordingId(), chunk.index(), chunk.documentId(), before.documentId());
            }
        }
        if (added == 0) {
            duplicateEvents++;
            log.info("recording {}: event {} names no new chunk; ignored", status.recordingId(), status.eventId());
        }
    }

    @Override
    public RecordingFilesReport report() {
        return new RecordingFilesReport(recordingId, List.copyOf(stored.values()), List.copyOf(deleted),
                List.copyOf(pending.keySet()), List.copyOf(missing), Collections.unmodifiableMap(new TreeMap<>(failed)),
                duplicateEvents);
    }

    private void handle(Pending next) {
        RecordingChunk chunk = next.chunk();
        int index = chunk.index();
        if (next.recordingId() != null && !next.recordingId().equals(recordingId)) {
            log.warn("recording {}: chunk {} belongs to recording {}; ignored", recordingId, index, next.recordingId());
            return;
        }
        StoredChunk kept;
        try {
            kept = store.storeChunk(new StoreChunk(recordingId, chunk, next.formatType()));
        } catch (ActivityFailure e) {
            if (RecordingFileActivities.CHUNK_GONE.equals(failureType(e))) {
                missing.add(index);
                log.error("recording {}: chunk {} is gone at the source and was never stored", recordingId, index);
            } else {
                failed.put(index, "not stored, left at the source: " + reason(e));
                log.error("recording {}: chunk {} could not be stored; it stays at the source: {}", recordingId, index,
                        reason(e));
            }
            return;
        }
        stored.put(index, kept);
        try {
            source.deleteChunk(new DeleteChunk(recordingId, index, chunk.deleteLocation()));
            deleted.add(index);
            log.info("recording {}: chunk {} stored at {} and deleted at the source", recordingId, index,
                    kept.contentLocation());
        } catch (ActivityFailure e) {
            failed.put(index, "stored, but not deleted at the source: " + reason(e));
            log.error("recording {}: chunk {} is stored but could not be deleted at the source: {}", recordingId,
                    index, reason(e));
        }
    }

    /** Waits up to {@code quiet} for a new chunk, on one timer that is cancelled when a chunk comes first. */
    private boolean moreArriveWithin(Duration quiet) {
        if (!pending.isEmpty()) {
            return true;
        }
        List<Promise<Void>> timer = new ArrayList<>(1);
        CancellationScope scope = Workflow.newCancellationScope(() -> timer.add(Workflow.newTimer(quiet)));
        scope.run();
        Workflow.await(() -> !pending.isEmpty() || timer.get(0).isCompleted());
        if (pending.isEmpty()) {
            return false;
        }
        scope.cancel();
        return true;
    }

    private static String failureType(ActivityFailure e) {
        return e.getCause() instanceof ApplicationFailure application ? application.getType() : null;
    }

    private static String reason(ActivityFailure e) {
        Throwable cause = e.getCause();
        String last = cause instanceof TemporalFailure temporal ? temporal.getOriginalMessage() : String.valueOf(cause);
        if (cause instanceof TimeoutFailure timeout && timeout.getCause() instanceof TemporalFailure before) {
            last = timeout.getTimeoutType() + " timeout after: " + before.getOriginalMessage();
        }
        if (e.getRetryState() == RetryState.RETRY_STATE_TIMEOUT || cause instanceof TimeoutFailure) {
            return "gave up after " + STORE_GIVE_UP.toHours() + " h of retries; last error: " + last;
        }
        return last;
    }
}

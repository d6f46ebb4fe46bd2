package org.openivr.workflows.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.activity.Activity;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link RecordingWorkflowImpl} on the time-skipping test server, with in-memory file activities. */
class RecordingWorkflowTest {

    private static final String RECORDING = "eyJQbGF0Zm9ybUVuZHBvaW50SWQiOiJhIiwiUmVzb3VyY2VTcGVjaWZpY0lkIjoiYiJ9+/=";

    private TestWorkflowEnvironment env;
    private WorkflowClient client;
    private FakeFiles files;

    @BeforeEach
    void start() {
        env = TestWorkflowEnvironment.newInstance();
        Worker worker = env.newWorker(RecordingWorkflow.TASK_QUEUE);
        worker.registerWorkflowImplementationTypes(RecordingWorkflowImpl.class);
        files = new FakeFiles(env::currentTimeMillis);
        worker.registerActivitiesImplementations(files);
        env.start();
        client = env.getWorkflowClient();
    }

    @AfterEach
    void stop() {
        env.close();
    }

    @Test
    void storesEveryChunkThenDeletesItAtTheSource() throws Exception {
        deliver(status("ev-1", chunk(0), chunk(1), chunk(2)));

        RecordingFilesReport report = result();

        assertThat(files.log).containsExactly("store 0", "delete 0", "store 1", "delete 1", "store 2", "delete 2");
        assertThat(report.stored()).extracting(StoredChunk::index).containsExactly(0, 1, 2);
        assertThat(report.deletedAtSource()).containsExactly(0, 1, 2);
        assertThat(report.missingAtSource()).isEmpty();
        assertThat(report.failed()).isEmpty();
        assertThat(files.requests.get(0).recordingId()).isEqualTo(RECORDING);
        assertThat(files.requests.get(0).formatType()).isEqualTo("Wav");

        WorkflowExecutionHistory history = client.fetchHistory(RecordingIds.workflowId(RECORDING));
        WorkflowReplayer.replayWorkflowExecution(history, RecordingWorkflowImpl.class);
    }

    @Test
    void aStoreDownForHoursLosesNothingAndNothingIsDeletedBeforeItIsBack() {
        long startedAt = env.currentTimeMillis();
        files.storeDownUntil = startedAt + Duration.ofHours(3).toMillis();
        deliver(status("ev-1", chunk(0), chunk(1)));

        RecordingFilesReport report = result();

        assertThat(report.stored()).extracting(StoredChunk::index).containsExactly(0, 1);
        assertThat(report.deletedAtSource()).containsExactly(0, 1);
        assertThat(files.failedStores.get()).isGreaterThan(10);
        assertThat(files.log).containsExactly("store 0", "delete 0", "store 1", "delete 1");
        assertThat(files.firstDeleteAt).isGreaterThanOrEqualTo(files.storeDownUntil);
    }

    @Test
    void redeliveredEventsAndKnownChunksAreIgnored() {
        deliver(status("ev-1", chunk(0), chunk(1)));
        deliver(status("ev-1", chunk(0), chunk(1)));             // Event Grid redelivery: same event id
        deliver(status("ev-2", chunk(1), chunk(0)));             // another event, nothing new in it
        deliver(status("ev-3", chunk(1), chunk(2)));             // one new chunk

        RecordingFilesReport report = result();

        assertThat(files.log).containsExactly("store 0", "delete 0", "store 1", "delete 1", "store 2", "delete 2");
        assertThat(report.duplicateEvents()).isEqualTo(2);
        assertThat(report.deletedAtSource()).containsExactly(0, 1, 2);
    }

    @Test
    void aChunkGoneAtTheSourceFailsTheRunAfterTheOthersAreStored() {
        files.goneAtSource.add(1);
        deliver(status("ev-1", chunk(0), chunk(1), chunk(2)));

        assertThatThrownBy(this::result).isInstanceOfSatisfying(WorkflowFailedException.class, e -> {
            ApplicationFailure failure = (ApplicationFailure) e.getCause();
            assertThat(failure.getType()).isEqualTo(RecordingWorkflow.INCOMPLETE);
            RecordingFilesReport report = failure.getDetails().get(RecordingFilesReport.class);
            assertThat(report.missingAtSource()).containsExactly(1);
            assertThat(report.deletedAtSource()).containsExactly(0, 2);
        });
        assertThat(files.log).containsExactly("store 0", "delete 0", "store 2", "delete 2");
    }

    @Test
    void aStoreThatNeverComesBackLeavesTheChunksAtTheSource() {
        files.storeDownUntil = Long.MAX_VALUE;
        deliver(status("ev-1", chunk(0)));

        assertThatThrownBy(this::result).isInstanceOfSatisfying(WorkflowFailedException.class, e -> {
            ApplicationFailure failure = (ApplicationFailure) e.getCause();
            assertThat(failure.getType()).isEqualTo(RecordingWorkflow.INCOMPLETE);
            assertThat(failure.getOriginalMessage()).contains("not stored, left at the source").contains("24 h");
        });
        assertThat(files.log).isEmpty();
        assertThat(env.currentTimeMillis()).isGreaterThan(Duration.ofHours(24).toMillis());
    }

    @Test
    void aDeleteThatFailsForAWhileIsRetried() {
        files.deleteFailures.put(0, 3);
        deliver(status("ev-1", chunk(0)));

        RecordingFilesReport report = result();

        assertThat(report.deletedAtSource()).containsExactly(0);
        assertThat(files.log).containsExactly("store 0", "delete 0");
    }

    // ---- helpers --------------------------------------------------------------------------------

    private void deliver(RecordingFileStatus status) {
        RecordingWorkflow workflow = client.newWorkflowStub(RecordingWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(RecordingIds.workflowId(RECORDING))
                .setTaskQueue(RecordingWorkflow.TASK_QUEUE)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
                .build());
        BatchRequest request = client.newSignalWithStartRequest();
        request.add(workflow::run, new RecordingFilesInput(RECORDING));
        request.add(workflow::fileStatusUpdated, status);
        client.signalWithStart(request);
    }

    private RecordingFilesReport result() {
        return client.newUntypedWorkflowStub(RecordingIds.workflowId(RECORDING)).getResult(RecordingFilesReport.class);
    }

    private static RecordingChunk chunk(int index) {
        String base = "https://emu.asm.skype.com/v1/objects/doc-" + index;
        return new RecordingChunk("doc-" + index, index, "SessionEnded", base + "/content/audio",
                base + "/content/acsmetadata", base);
    }

    private static RecordingFileStatus status(String eventId, RecordingChunk... chunks) {
        return new RecordingFileStatus(eventId, RECORDING, "corr-1", "server-call-1", "2025-06-16T20:52:41Z", 3000,
                "Audio", "Unmixed", "Wav", "CallEnded", List.of(chunks));
    }

    /** In-memory store and source; every call is logged in order. */
    public static final class FakeFiles implements RecordingFileActivities {
        final List<String> log = new CopyOnWriteArrayList<>();
        final List<StoreChunk> requests = new CopyOnWriteArrayList<>();
        final Set<Integer> goneAtSource = ConcurrentHashMap.newKeySet();
        final java.util.Map<Integer, Integer> deleteFailures = new ConcurrentHashMap<>();
        final java.util.concurrent.atomic.AtomicInteger failedStores = new java.util.concurrent.atomic.AtomicInteger();
        final LongSupplier clock;
        volatile long storeDownUntil = Long.MIN_VALUE;
        volatile long firstDeleteAt = -1;

        FakeFiles(LongSupplier clock) {
            this.clock = clock;
        }

        @Override
        public StoredChunk storeChunk(StoreChunk request) {
            int index = request.chunk().index();
            if (goneAtSource.contains(index)) {
                throw ApplicationFailure.newNonRetryableFailure("404 at the source", CHUNK_GONE);
            }
            if (clock.getAsLong() < storeDownUntil) {
                failedStores.incrementAndGet();
                throw new IllegalStateException("store unavailable (attempt "
                        + Activity.getExecutionContext().getInfo().getAttempt() + ")");
            }
            requests.add(request);
            log.add("store " + index);
            return new StoredChunk(index, request.chunk().documentId(), "/store/chunk-" + index + ".wav", "audio/wav",
                    1000, "/store/chunk-" + index + ".json", 100, false);
        }

        @Override
        public void deleteChunk(DeleteChunk request) {
            Integer left = deleteFailures.computeIfPresent(request.index(), (k, v) -> v - 1);
            if (left != null && left >= 0) {
                throw new IllegalStateException("source unavailable");
            }
            if (firstDeleteAt < 0) {
                firstDeleteAt = clock.getAsLong();
            }
            log.add("delete " + request.index());
        }
    }

}

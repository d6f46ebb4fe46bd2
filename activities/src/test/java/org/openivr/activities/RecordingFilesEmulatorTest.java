package org.openivr.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openivr.emulator.CallerStep;
import org.openivr.emulator.LedgerEntry;
import org.openivr.workflows.ContinuousDtmf;
import org.openivr.workflows.HangUpCall;
import org.openivr.workflows.RecordingStarted;
import org.openivr.workflows.StartRecording;
import org.openivr.workflows.recording.DeleteChunk;
import org.openivr.workflows.recording.RecordingChunk;
import org.openivr.workflows.recording.RecordingFileActivities;
import org.openivr.workflows.recording.RecordingFileStatus;
import org.openivr.workflows.recording.RecordingFilesInput;
import org.openivr.workflows.recording.RecordingFilesReport;
import org.openivr.workflows.recording.RecordingIds;
import org.openivr.workflows.recording.RecordingWorkflow;
import org.openivr.workflows.recording.RecordingWorkflowImpl;
import org.openivr.workflows.recording.StoreChunk;
import org.openivr.workflows.recording.StoredChunk;

/**
 * Recording files end to end: the emulator records a call and announces its files; the file activities
 * download them over the SDK's HMAC pipeline into a file-system store and delete them at the source, alone and
 * driven by {@link RecordingWorkflowImpl} on the test server.
 */
class RecordingFilesEmulatorTest {

    private static RecordingTestApp app;
    private static AcsRecordingSource source;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        app = new RecordingTestApp(0.1);
        source = new AcsRecordingSource(app.settings, app.clients);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void storesContentAndMetadataOnceThenDeletesAtTheSource() throws Exception {
        RecordedCall recorded = recordACall("unmixed");
        RecordingFileStatus files = recorded.files();
        RecordingChunk chunk = files.chunks().get(0);
        AcsRecordingFileActivities activities = new AcsRecordingFileActivities(source, new FileSystemRecordingStore(dir));

        StoredChunk stored = activities.storeChunk(new StoreChunk(files.recordingId(), chunk, files.formatType()));
        StoredChunk again = activities.storeChunk(new StoreChunk(files.recordingId(), chunk, files.formatType()));

        Path folder = dir.resolve(RecordingIds.key(files.recordingId()));
        Path wav = folder.resolve("chunk-00000.wav");
        assertThat(stored.contentLocation()).isEqualTo(wav.toString());
        assertThat(stored.contentType()).isEqualTo("audio/wav");
        byte[] bytes = Files.readAllBytes(wav);
        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(bytes[22]).isEqualTo((byte) 2); // unmixed: two channels
        assertThat(stored.contentBytes()).isEqualTo(bytes.length);
        JsonNode metadata = RecordingTestApp.JSON.readTree(folder.resolve("chunk-00000.acsmetadata.json").toFile());
        assertThat(metadata.get("chunkDocumentId").asText()).isEqualTo(chunk.documentId());
        assertThat(Files.exists(folder.resolve("chunk-00000.stored.json"))).isTrue();
        try (var listing = Files.list(folder)) {
            assertThat(listing.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("."))).isEmpty();
        }
        assertThat(again.alreadyStored()).isTrue();
        assertThat(again.contentLocation()).isEqualTo(stored.contentLocation());
        assertThat(count(recorded, "downloadRecording", 200)).isEqualTo(1);

        activities.deleteChunk(new DeleteChunk(files.recordingId(), 0, chunk.deleteLocation()));
        activities.deleteChunk(new DeleteChunk(files.recordingId(), 0, chunk.deleteLocation())); // 404: already gone

        // Deleted once; the second delete found nothing to delete and still counted as done.
        assertThat(count(recorded, "deleteRecording", 200)).isEqualTo(1);
        // The store still has it, so a late retry of the store step finds it and downloads nothing.
        assertThat(activities.storeChunk(new StoreChunk(files.recordingId(), chunk, "Wav")).alreadyStored()).isTrue();
        // Stored nowhere and gone at the source: lost, and said so without retrying.
        AcsRecordingFileActivities elsewhere = new AcsRecordingFileActivities(source,
                new FileSystemRecordingStore(dir.resolve("other")));
        assertThatThrownBy(() -> elsewhere.storeChunk(new StoreChunk(files.recordingId(), chunk, "Wav")))
                .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
                    assertThat(f.getType()).isEqualTo(RecordingFileActivities.CHUNK_GONE);
                    assertThat(f.isNonRetryable()).isTrue();
                });
    }

    @Test
    void neverDeletesAtTheSourceWhatTheStoreDoesNotHold() throws Exception {
        RecordingFileStatus files = recordACall("mixed").files();
        RecordingChunk chunk = files.chunks().get(0);
        AcsRecordingFileActivities activities = new AcsRecordingFileActivities(source, new FileSystemRecordingStore(dir));

        assertThatThrownBy(() -> activities.deleteChunk(new DeleteChunk(files.recordingId(), 0, chunk.deleteLocation())))
                .isInstanceOfSatisfying(ApplicationFailure.class,
                        f -> assertThat(f.getType()).isEqualTo(RecordingFileActivities.INVALID_CHUNK));
        assertThat(source.delete(chunk.deleteLocation())).isTrue(); // it was still there
    }

    @Test
    void theWorkflowStoresEverythingEvenThroughAStoreOutageAndDeletesOnlyAfterwards() throws Exception {
        RecordingFileStatus files = recordACall("unmixed").files();
        FlakyStore store = new FlakyStore(new FileSystemRecordingStore(dir), 3);
        List<String> order = new CopyOnWriteArrayList<>();
        AcsRecordingFileActivities real = new AcsRecordingFileActivities(source, store);
        RecordingFileActivities observed = new RecordingFileActivities() {
            @Override
            public StoredChunk storeChunk(StoreChunk request) {
                StoredChunk stored = real.storeChunk(request);
                order.add("stored " + request.chunk().index());
                return stored;
            }

            @Override
            public void deleteChunk(DeleteChunk request) {
                real.deleteChunk(request);
                order.add("deleted " + request.index());
            }
        };
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
            Worker worker = env.newWorker(RecordingWorkflow.TASK_QUEUE);
            worker.registerWorkflowImplementationTypes(RecordingWorkflowImpl.class);
            worker.registerActivitiesImplementations(observed);
            env.start();
            WorkflowClient client = env.getWorkflowClient();
            signalWithStart(client, files);
            signalWithStart(client, files); // Event Grid delivered it twice

            RecordingFilesReport report = client.newUntypedWorkflowStub(RecordingIds.workflowId(files.recordingId()))
                    .getResult(RecordingFilesReport.class);

            assertThat(report.stored()).hasSize(files.chunks().size());
            assertThat(report.deletedAtSource()).hasSize(files.chunks().size());
            assertThat(report.duplicateEvents()).isEqualTo(1);
        }
        assertThat(store.failures.get()).isEqualTo(3);
        assertThat(order).containsExactly("stored 0", "deleted 0");
        assertThat(Files.size(dir.resolve(RecordingIds.key(files.recordingId())).resolve("chunk-00000.wav")))
                .isGreaterThan(44);
        RecordingChunk chunk = files.chunks().get(0);
        assertThat(source.delete(chunk.deleteLocation())).isFalse(); // already deleted by the workflow
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /**
     * Records a short call (a key, a sentence) until the caller hangs up; returns its announced files.
     *
     * <p>The caller must not hang up before the recording is active: a call that ends first has no recording
     * (404 8522) or a recording that never heard anything, and ACS (like the emulator) announces no files for
     * that. A script timed by the clock (silence, then speech) races the test's own startRecording, which on a
     * busy machine (the first SDK request of the JVM) takes longer than the script. So the caller's first step is
     * a key press, which waits until someone listens: the test turns continuous DTMF recognition on only once
     * RecordingStateChanged says the recording is active, and the caller speaks and hangs up after that.
     */
    private static RecordedCall recordACall(String channels) {
        RecordingTestApp.Call call = app.connect(new CallerStep.Press("5"),
                new CallerStep.Say("I would like to talk to somebody"), new CallerStep.HangUp());
        RecordingStarted started = app.activities.startRecording(new StartRecording(call.callId(), call.serverCallId(),
                "audio", channels, "wav", false, List.of(RecordingTestApp.CALLER), null, "1/record"));
        app.awaitCallback(call.callId(), "RecordingStateChanged", e -> e.at("/data/state").asText().equals("active"));
        app.activities.startContinuousDtmf(new ContinuousDtmf(call.callConnectionId(), RecordingTestApp.CALLER,
                "2/keys"));
        app.awaitCallback(call.callId(), "CallDisconnected", e -> true);
        app.activities.hangUp(new HangUpCall(call.callConnectionId(), true));
        RecordingFileStatus files = app.awaitFiles(started.recordingId());
        assertThat(files.sessionEndReason()).isEqualTo("CallEnded");
        assertThat(files.chunks()).isNotEmpty();
        return new RecordedCall(call.callConnectionId(), files);
    }

    /** A recorded call and its files: ledger counts are per call, so no other test's downloads count. */
    private record RecordedCall(String callConnectionId, RecordingFileStatus files) {}

    private static long count(RecordedCall call, String operation, int status) {
        return app.acs.ledger().entries(call.callConnectionId()).stream()
                .filter(e -> e.operation().equals(operation) && e.status() == status).count();
    }

    private static void signalWithStart(WorkflowClient client, RecordingFileStatus status) {
        RecordingWorkflow workflow = client.newWorkflowStub(RecordingWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(RecordingIds.workflowId(status.recordingId()))
                .setTaskQueue(RecordingWorkflow.TASK_QUEUE)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
                .build());
        BatchRequest request = client.newSignalWithStartRequest();
        request.add(workflow::run, new RecordingFilesInput(status.recordingId()));
        request.add(workflow::fileStatusUpdated, status);
        client.signalWithStart(request);
    }

    /** A store that is down for its first few writes. */
    static final class FlakyStore implements RecordingStore {
        final RecordingStore real;
        final AtomicInteger failures = new AtomicInteger();
        final int failFirst;

        FlakyStore(RecordingStore real, int failFirst) {
            this.real = real;
            this.failFirst = failFirst;
        }

        @Override
        public Upload create(String recordingKey, String fileName, String contentType, long expectedBytes)
                throws IOException {
            if (failures.get() < failFirst) {
                failures.incrementAndGet();
                throw new IOException("store unavailable");
            }
            return real.create(recordingKey, fileName, contentType, expectedBytes);
        }

        @Override
        public Optional<byte[]> read(String recordingKey, String fileName) throws IOException {
            return real.read(recordingKey, fileName);
        }

        @Override
        public String location(String recordingKey, String fileName) {
            return real.location(recordingKey, fileName);
        }
    }
}

package org.openivr.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openivr.emulator.CallerStep;
import org.openivr.workflows.HangUpCall;
import org.openivr.workflows.RecordingStarted;
import org.openivr.workflows.StartRecording;
import org.openivr.workflows.recording.DeleteChunk;
import org.openivr.workflows.recording.RecordingFileStatus;
import org.openivr.workflows.recording.RecordingIds;
import org.openivr.workflows.recording.StoreChunk;
import org.openivr.workflows.recording.StoredChunk;

/** {@link AzureBlobRecordingStore} against Azurite, which the test installs from npm and starts itself. */
class AzureBlobRecordingStoreTest {

    private static Azurite azurite;
    private static Path data;
    private BlobContainerClient container;
    private AzureBlobRecordingStore store;

    @BeforeAll
    static void startAzurite() throws Exception {
        data = Files.createTempDirectory("azurite-data-");
        azurite = Azurite.start(data);
    }

    @AfterAll
    static void stopAzurite() throws IOException {
        if (azurite != null) {
            azurite.close();
        }
        if (data != null) {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @BeforeEach
    void freshContainer() {
        String name = "recordings-" + UUID.randomUUID().toString().substring(0, 8);
        container = new BlobServiceClientBuilder().connectionString(azurite.connectionString()).buildClient()
                .getBlobContainerClient(name);
        store = new AzureBlobRecordingStore(azurite.connectionString(), name);
    }

    @Test
    void anObjectIsInvisibleUntilCommittedAndThenWhole() throws Exception {
        byte[] bytes = "RIFF....WAVEfmt ".getBytes(StandardCharsets.US_ASCII);

        try (RecordingStore.Upload upload = store.create("rec-1", "chunk-00000.wav", "audio/wav", bytes.length)) {
            upload.stream().write(bytes);
            assertThat(store.read("rec-1", "chunk-00000.wav")).isEmpty();
            RecordingStore.Stored stored = upload.commit();

            assertThat(stored.bytes()).isEqualTo(bytes.length);
            assertThat(stored.location()).endsWith("/" + container.getBlobContainerName() + "/rec-1/chunk-00000.wav");
        }
        assertThat(store.read("rec-1", "chunk-00000.wav")).hasValue(bytes);
        assertThat(container.exists()).isTrue();
        assertThat(container.getBlobClient("rec-1/chunk-00000.wav").getProperties().getContentType())
                .isEqualTo("audio/wav");
    }

    @Test
    void writingAgainReplacesAndAnAbandonedOrShortUploadNeverShows() throws Exception {
        put("rec-2", "a.json", "first".getBytes(StandardCharsets.UTF_8));
        put("rec-2", "a.json", "second".getBytes(StandardCharsets.UTF_8));
        try (RecordingStore.Upload abandoned = store.create("rec-2", "b.json", "application/json", -1)) {
            abandoned.stream().write(new byte[100]);
        }
        try (RecordingStore.Upload shortOne = store.create("rec-2", "c.json", "application/json", 10)) {
            shortOne.stream().write(new byte[5]);
            assertThatThrownBy(shortOne::commit).isInstanceOf(IOException.class).hasMessageContaining("5 of 10");
        }

        assertThat(store.read("rec-2", "a.json")).hasValueSatisfying(
                v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("second"));
        assertThat(store.read("rec-2", "b.json")).isEmpty();
        assertThat(store.read("rec-2", "c.json")).isEmpty();
    }

    @Test
    void aLargeObjectIsStreamedInBlocks() throws Exception {
        byte[] bytes = new byte[AzureBlobRecordingStore.BLOCK_BYTES * 2 + 12345];
        new Random(7).nextBytes(bytes);

        try (RecordingStore.Upload upload = store.create("rec-3", "big.wav", "audio/wav", bytes.length)) {
            for (int i = 0; i < bytes.length; i += 64 * 1024) {
                upload.stream().write(bytes, i, Math.min(64 * 1024, bytes.length - i));
            }
            upload.commit();
        }

        assertThat(store.read("rec-3", "big.wav")).hasValue(bytes);
        assertThat(container.getBlobClient("rec-3/big.wav").getBlockBlobClient().listBlocks(
                com.azure.storage.blob.models.BlockListType.COMMITTED).getCommittedBlocks()).hasSize(3);
    }

    @Test
    void aRecordedChunkGoesFromTheEmulatorIntoBlobStorage() throws Exception {
        try (RecordingTestApp app = new RecordingTestApp(0.1)) {
            RecordingTestApp.Call call = app.connect(new CallerStep.Silence(java.time.Duration.ofSeconds(2)),
                    new CallerStep.Say("hello there"), new CallerStep.HangUp());
            RecordingStarted started = app.activities.startRecording(new StartRecording(call.callId(),
                    call.serverCallId(), "audio", "mixed", "mp3", false, List.of(), null, "1/record"));
            app.awaitCallback(call.callId(), "CallDisconnected", e -> true);
            app.activities.hangUp(new HangUpCall(call.callConnectionId(), true));
            RecordingFileStatus files = app.awaitFiles(started.recordingId());
            AcsRecordingFileActivities activities =
                    new AcsRecordingFileActivities(new AcsRecordingSource(app.settings, app.clients), store);

            StoredChunk stored = activities.storeChunk(new StoreChunk(files.recordingId(), files.chunks().get(0),
                    files.formatType()));
            activities.deleteChunk(new DeleteChunk(files.recordingId(), 0, files.chunks().get(0).deleteLocation()));

            String key = RecordingIds.key(files.recordingId());
            // mp3 was asked for; the emulator serves WAV and says so, and the store names it by what it got.
            assertThat(files.formatType()).isEqualTo("Mp3");
            assertThat(stored.contentLocation()).endsWith("/" + key + "/chunk-00000.wav");
            assertThat(store.read(key, "chunk-00000.wav")).hasValueSatisfying(
                    v -> assertThat(new String(v, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF"));
            assertThat(store.read(key, "chunk-00000.acsmetadata.json")).isPresent();
            assertThat(store.read(key, "chunk-00000.stored.json")).isPresent();
            assertThat(app.acs.ledger().entries(call.callConnectionId()).stream()
                    .filter(e -> e.operation().equals("deleteRecording") && e.status() == 200)).hasSize(1);
        }
    }

    private void put(String key, String name, byte[] bytes) throws IOException {
        try (RecordingStore.Upload upload = store.create(key, name, "application/json", bytes.length)) {
            upload.stream().write(bytes);
            upload.commit();
        }
    }
}

package org.openivr.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openivr.activities.AzureBlobRecordingStore;
import org.openivr.activities.FileSystemRecordingStore;
import org.openivr.workflows.recording.RecordingWorkflow;

class RecordingsConfigurationTest {

    @Test
    void theFileSystemIsTheDefaultStore(@TempDir Path dir) {
        assertThat(RecordingsConfiguration.store(new RecordingsProperties(null, dir.toString(), null)))
                .isInstanceOfSatisfying(FileSystemRecordingStore.class, s -> assertThat(s.root()).isEqualTo(dir));
    }

    @Test
    void azureBlobNeedsAConnectionString() {
        assertThat(RecordingsConfiguration.store(new RecordingsProperties("azure-blob", null,
                new RecordingsProperties.Blob("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
                        + "AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;", null))))
                .isInstanceOf(AzureBlobRecordingStore.class);
        assertThatThrownBy(() -> RecordingsConfiguration.store(new RecordingsProperties("azure-blob", null, null)))
                .hasMessageContaining("ivr.recordings.blob.connection-string");
        assertThatThrownBy(() -> RecordingsConfiguration.store(new RecordingsProperties("s3", null, null)))
                .hasMessageContaining("filesystem or azure-blob");
    }

    @Test
    void theWorkerRunsRecordingWorkflowsOnTheirOwnQueue() throws Exception {
        Properties defaults = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/worker-defaults.properties")) {
            defaults.load(in);
        }
        assertThat(defaults.getProperty("spring.temporal.workers[1].task-queue")).isEqualTo(RecordingWorkflow.TASK_QUEUE);
        assertThat(Class.forName(defaults.getProperty("spring.temporal.workers[1].workflow-classes[0]")))
                .isAssignableTo(RecordingWorkflow.class);
        assertThat(defaults.getProperty("spring.temporal.workers[1].activity-beans[0]"))
                .isEqualTo("recordingFileActivities");
    }
}

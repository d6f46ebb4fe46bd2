package org.openivr.worker;

import java.nio.file.Path;
import java.util.Locale;
import org.openivr.activities.AcsRecordingFileActivities;
import org.openivr.activities.AcsSettings;
import org.openivr.activities.AzureBlobRecordingStore;
import org.openivr.activities.FileSystemRecordingStore;
import org.openivr.activities.RecordingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The recording-file activities ({@code spring.temporal.workers[1]}, task queue {@code ivr-recordings}) and the
 * store they write to, chosen by {@code ivr.recordings.store}: {@code filesystem} in {@code ivr.recordings.dir}, or
 * {@code azure-blob} with {@code ivr.recordings.blob.connection-string} and {@code ivr.recordings.blob.container}.
 */
@Configuration
@EnableConfigurationProperties(RecordingsProperties.class)
public class RecordingsConfiguration {
    private static final Logger log = LoggerFactory.getLogger(RecordingsConfiguration.class);

    @Bean
    RecordingStore recordingStore(RecordingsProperties properties) {
        return store(properties);
    }

    /** Named so that {@code spring.temporal.workers[1].activity-beans} can list it. */
    @Bean
    AcsRecordingFileActivities recordingFileActivities(AcsSettings settings, RecordingStore recordingStore) {
        return new AcsRecordingFileActivities(settings, recordingStore);
    }

    static RecordingStore store(RecordingsProperties properties) {
        String kind = properties.store() == null || properties.store().isBlank()
                ? "filesystem" : properties.store().trim().toLowerCase(Locale.ROOT);
        switch (kind) {
            case "filesystem" -> {
                String dir = properties.dir() == null || properties.dir().isBlank()
                        ? ".ivr/recordings" : properties.dir();
                FileSystemRecordingStore store = new FileSystemRecordingStore(Path.of(dir));
                log.info("recordings are stored in {}", store.root());
                return store;
            }
            case "azure-blob" -> {
                RecordingsProperties.Blob blob = properties.blob();
                if (blob == null || blob.connectionString() == null || blob.connectionString().isBlank()) {
                    throw new IllegalStateException("ivr.recordings.store=azure-blob needs "
                            + "ivr.recordings.blob.connection-string (IVR_RECORDINGS_BLOB_CONNECTION_STRING)");
                }
                String container = blob.container() == null || blob.container().isBlank()
                        ? "recordings" : blob.container();
                log.info("recordings are stored in Azure Blob container {}", container);
                return new AzureBlobRecordingStore(blob.connectionString(), container);
            }
            default -> throw new IllegalStateException(
                    "ivr.recordings.store must be filesystem or azure-blob, not '" + properties.store() + "'");
        }
    }
}

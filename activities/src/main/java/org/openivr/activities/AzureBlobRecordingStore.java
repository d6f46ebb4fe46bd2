package org.openivr.activities;

import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlockBlobCommitBlockListOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link RecordingStore} in an Azure Blob container: blob {@code {recordingKey}/{fileName}}. An object is streamed
 * up as staged blocks of 4 MiB and becomes visible only when its block list is committed, so a failed or
 * abandoned upload never shows (its uncommitted blocks are discarded by the service). The container is created
 * on first use if it does not exist.
 */
public final class AzureBlobRecordingStore implements RecordingStore {

    static final int BLOCK_BYTES = 4 * 1024 * 1024;

    private final BlobContainerClient container;
    private volatile boolean containerReady;

    /** @param connectionString a storage account connection string (Azurite's works too) */
    public AzureBlobRecordingStore(String connectionString, String containerName) {
        this(new BlobServiceClientBuilder().connectionString(Objects.requireNonNull(connectionString,
                "connectionString")).buildClient().getBlobContainerClient(Objects.requireNonNull(containerName,
                "containerName")));
    }

    public AzureBlobRecordingStore(BlobContainerClient container) {
        this.container = Objects.requireNonNull(container, "container");
    }

    @Override
    public Upload create(String recordingKey, String fileName, String contentType, long expectedBytes) {
        ensureContainer();
        BlockBlobClient blob = container.getBlobClient(name(recordingKey, fileName)).getBlockBlobClient();
        BlockStream stream = new BlockStream(blob);
        return new Upload() {
            @Override
            public OutputStream stream() {
                return stream;
            }

            @Override
            public Stored commit() throws IOException {
                stream.stageRest();
                if (expectedBytes >= 0 && stream.count != expectedBytes) {
                    throw new IOException("incomplete: " + stream.count + " of " + expectedBytes + " bytes for "
                            + location(recordingKey, fileName));
                }
                blob.commitBlockListWithResponse(new BlockBlobCommitBlockListOptions(stream.blockIds)
                        .setHeaders(new BlobHttpHeaders().setContentType(contentType)), null, Context.NONE);
                return new Stored(location(recordingKey, fileName), stream.count);
            }

            @Override
            public void close() {
                stream.closed = true; // uncommitted blocks are dropped by the service
            }
        };
    }

    @Override
    public Optional<byte[]> read(String recordingKey, String fileName) {
        try {
            return Optional.of(container.getBlobClient(name(recordingKey, fileName)).downloadContent().toBytes());
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public String location(String recordingKey, String fileName) {
        return container.getBlobContainerUrl() + "/" + name(recordingKey, fileName);
    }

    private void ensureContainer() {
        if (!containerReady) {
            container.createIfNotExists();
            containerReady = true;
        }
    }

    private static String name(String recordingKey, String fileName) {
        if (recordingKey.isBlank() || fileName.isBlank() || recordingKey.contains("/") || fileName.contains("/")) {
            throw new IllegalArgumentException("not a blob name: " + recordingKey + "/" + fileName);
        }
        return recordingKey + "/" + fileName;
    }

    /** Buffers one block at a time and stages it; block ids are fixed-length and unique to this upload. */
    private static final class BlockStream extends OutputStream {
        private final BlockBlobClient blob;
        private final String uploadId = UUID.randomUUID().toString().substring(0, 8);
        private final byte[] buffer = new byte[BLOCK_BYTES];
        private int used;
        final List<String> blockIds = new ArrayList<>();
        long count;
        boolean closed;

        BlockStream(BlockBlobClient blob) {
            this.blob = blob;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("upload closed");
            }
            while (len > 0) {
                int n = Math.min(len, buffer.length - used);
                System.arraycopy(b, off, buffer, used, n);
                used += n;
                off += n;
                len -= n;
                count += n;
                if (used == buffer.length) {
                    stage();
                }
            }
        }

        void stageRest() {
            if (used > 0) {
                stage();
            }
        }

        private void stage() {
            String id = Base64.getEncoder().encodeToString(
                    String.format("%s-%08d", uploadId, blockIds.size()).getBytes(StandardCharsets.US_ASCII));
            blob.stageBlock(id, new ByteArrayInputStream(buffer, 0, used), used);
            blockIds.add(id);
            used = 0;
        }
    }
}

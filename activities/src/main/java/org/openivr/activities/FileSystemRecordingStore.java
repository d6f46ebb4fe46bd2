package org.openivr.activities;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@link RecordingStore} in a directory: {@code {dir}/{recordingKey}/{fileName}}. An object is written to a hidden
 * temporary file beside its final name, forced to disk, then renamed into place atomically.
 */
public final class FileSystemRecordingStore implements RecordingStore {

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,254}");

    private final Path root;

    public FileSystemRecordingStore(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public Upload create(String recordingKey, String fileName, String contentType, long expectedBytes)
            throws IOException {
        Path target = path(recordingKey, fileName);
        Files.createDirectories(target.getParent());
        Path temporary = target.resolveSibling("." + fileName + "." + UUID.randomUUID() + ".part");
        FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        CountingStream stream = new CountingStream(Channels.newOutputStream(channel));
        return new Upload() {
            private boolean done;

            @Override
            public OutputStream stream() {
                return stream;
            }

            @Override
            public Stored commit() throws IOException {
                stream.flush();
                channel.force(true);
                channel.close();
                if (expectedBytes >= 0 && stream.count != expectedBytes) {
                    throw new IOException("incomplete: " + stream.count + " of " + expectedBytes + " bytes for "
                            + target);
                }
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
                done = true;
                return new Stored(target.toString(), stream.count);
            }

            @Override
            public void close() throws IOException {
                if (!done) {
                    channel.close();
                    Files.deleteIfExists(temporary);
                }
            }
        };
    }

    @Override
    public Optional<byte[]> read(String recordingKey, String fileName) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(path(recordingKey, fileName)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public String location(String recordingKey, String fileName) {
        return path(recordingKey, fileName).toString();
    }

    private Path path(String recordingKey, String fileName) {
        if (!SAFE_NAME.matcher(recordingKey).matches() || !SAFE_NAME.matcher(fileName).matches()) {
            throw new IllegalArgumentException("not a safe file name: " + recordingKey + "/" + fileName);
        }
        return root.resolve(recordingKey).resolve(fileName);
    }

    /** Counts what passes through, for the size check at commit. */
    static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}

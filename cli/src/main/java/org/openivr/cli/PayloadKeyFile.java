package org.openivr.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.openivr.workflows.payload.InvalidPayloadKeys;
import org.openivr.workflows.payload.PayloadEncryption;
import org.openivr.workflows.payload.PayloadKeys;

/**
 * {@code .ivr/payload-keys} (beside {@link TemporalAddressFile}): the key a local {@code ivr serve}/{@code demo}
 * encrypts Temporal payloads with when {@code IVR_PAYLOAD_KEYS} is not set. Made on first use and kept, so calls
 * on a cluster ({@code TEMPORAL_ADDRESS}) still read after a restart, and {@code ivr calls}/{@code ivr inspect}
 * started in the same directory can decrypt what they show. Readable by its owner only where the file system
 * allows.
 */
final class PayloadKeyFile {
    private PayloadKeyFile() {}

    static Path path() {
        return TemporalAddressFile.path().resolveSibling("payload-keys");
    }

    /** Where the platform's keys come from, and the keys. */
    record Source(PayloadKeys keys, String from) {}

    /** For the platform: {@code IVR_PAYLOAD_KEYS}, else this file, made with a fresh key if it does not exist. */
    static Source forPlatform(Map<String, String> env) {
        return fromEnvironment(env).orElseGet(() -> {
            Path file = path();
            if (!Files.exists(file)) {
                create(file);
            }
            return new Source(read(file), file.toString());
        });
    }

    /** For the operator commands: {@code IVR_PAYLOAD_KEYS}, else this file if there is one, else no key. */
    static Source forReading(Map<String, String> env) {
        return fromEnvironment(env).orElseGet(() -> Files.exists(path())
                ? new Source(read(path()), path().toString()) : new Source(PayloadKeys.none(), "none"));
    }

    private static Optional<Source> fromEnvironment(Map<String, String> env) {
        String configured = env.get(PayloadEncryption.ENVIRONMENT);
        if (configured == null || configured.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Source(PayloadKeys.parse(configured), PayloadEncryption.ENVIRONMENT));
        } catch (InvalidPayloadKeys e) {
            throw new InvalidPayloadKeys(PayloadEncryption.ENVIRONMENT + ": " + e.getMessage());
        }
    }

    private static PayloadKeys read(Path file) {
        try {
            PayloadKeys keys = PayloadKeys.parse(Files.readString(file, StandardCharsets.UTF_8).trim());
            if (keys.isEmpty()) {
                throw new InvalidPayloadKeys(file + " holds no key: delete it to have a new one made (calls encrypted"
                        + " with the old one can then no longer be read)");
            }
            return keys;
        } catch (InvalidPayloadKeys e) {
            throw new InvalidPayloadKeys(e.getMessage().startsWith(file.toString()) ? e.getMessage() : file + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void create(Path file) {
        String id = "local-" + LocalDate.now(ZoneOffset.UTC).toString().replace("-", "");
        PayloadKeys keys = PayloadKeys.generate(id, new SecureRandom());
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, keys.format() + "\n", StandardCharsets.UTF_8);
        } catch (FileAlreadyExistsException e) {
            // another ivr started in this directory at the same moment made it: use theirs
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the payload key file " + file
                    + "; set IVR_PAYLOAD_KEYS or ivr.state-dir", e);
        }
    }
}

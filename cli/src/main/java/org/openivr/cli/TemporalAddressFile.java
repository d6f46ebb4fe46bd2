package org.openivr.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code .ivr/temporal-address} in the working directory: where the embedded Temporal server of a running
 * {@code ivr serve} or {@code ivr demo} listens (a random loopback port), so that {@code ivr calls} and
 * {@code ivr inspect} started from the same directory find it. {@code .ivr/} is git-ignored. The folder can be
 * moved with the system property {@code ivr.state-dir}.
 */
final class TemporalAddressFile {
    private TemporalAddressFile() {}

    static Path path() {
        return Path.of(System.getProperty("ivr.state-dir", ".ivr")).resolve("temporal-address");
    }

    /** Best effort: a platform that cannot write it still runs. */
    static void write(String address) {
        Path file = path();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, address + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("ivr: cannot write " + file + " (" + e.getMessage() + "); ivr calls will need TEMPORAL_ADDRESS");
        }
    }

    static Optional<String> read() {
        Path file = path();
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String address = Files.readString(file, StandardCharsets.UTF_8).trim();
            return address.isEmpty() ? Optional.empty() : Optional.of(address);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Removes the file if it still names {@code address} (another platform may have started since). */
    static void deleteIf(String address) {
        if (read().filter(address::equals).isPresent()) {
            try {
                Files.deleteIfExists(path());
            } catch (IOException e) {
                // stale file: ivr calls will say it cannot connect
            }
        }
    }
}

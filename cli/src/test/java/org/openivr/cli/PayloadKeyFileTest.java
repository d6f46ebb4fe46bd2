package org.openivr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openivr.workflows.payload.InvalidPayloadKeys;

/** Where `ivr serve`/`demo` and the operator commands take the Temporal payload keys from. */
class PayloadKeyFileTest {
    private static final String KEY = "c2VydmVBbmRJbnNwZWN0U2hhcmVUaGlzS2V5MDEyMzQ=";

    @AfterEach
    void clear() {
        System.clearProperty("ivr.state-dir");
    }

    @Test
    void aLocalPlatformMakesOneKeyKeepsItPrivateAndFindsItAgain(@TempDir Path dir) throws Exception {
        System.setProperty("ivr.state-dir", dir.resolve(".ivr").toString());
        assertThat(PayloadKeyFile.forReading(Map.of()).keys().isEmpty()).as("before any platform ran here").isTrue();

        PayloadKeyFile.Source first = PayloadKeyFile.forPlatform(Map.of());
        Path file = dir.resolve(".ivr").resolve("payload-keys");
        assertThat(first.from()).isEqualTo(file.toString());
        assertThat(first.keys().ids()).singleElement().asString().startsWith("local-");
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }

        PayloadKeyFile.Source restarted = PayloadKeyFile.forPlatform(Map.of());
        PayloadKeyFile.Source inspecting = PayloadKeyFile.forReading(Map.of());
        for (PayloadKeyFile.Source again : List.of(restarted, inspecting)) {
            assertThat(again.keys().format()).isEqualTo(first.keys().format());
        }
    }

    @Test
    void theEnvironmentWinsAndAMalformedOneIsNamed(@TempDir Path dir) {
        System.setProperty("ivr.state-dir", dir.resolve(".ivr").toString());
        PayloadKeyFile.Source configured = PayloadKeyFile.forPlatform(Map.of("IVR_PAYLOAD_KEYS", "prod-2=" + KEY));
        assertThat(configured.from()).isEqualTo("IVR_PAYLOAD_KEYS");
        assertThat(configured.keys().ids()).containsExactly("prod-2");
        assertThat(dir.resolve(".ivr").resolve("payload-keys")).doesNotExist();

        assertThatThrownBy(() -> PayloadKeyFile.forPlatform(Map.of("IVR_PAYLOAD_KEYS", "prod-2=" + KEY.substring(4))))
                .isInstanceOf(InvalidPayloadKeys.class)
                .hasMessageStartingWith("IVR_PAYLOAD_KEYS: payload key 'prod-2' decodes to 29 bytes");
        assertThatThrownBy(() -> TemporalConnection.open(new TemporalConnection.Options("127.0.0.1:1", null,
                Duration.ofSeconds(1), false, List.of()), Map.of("IVR_PAYLOAD_KEYS", "no-equals-sign")))
                .isInstanceOf(InvalidPayloadKeys.class).hasMessageContaining("IVR_PAYLOAD_KEYS: payload key #1");
    }

    @Test
    void anEmptiedKeyFileIsReportedNotReplaced(@TempDir Path dir) throws Exception {
        System.setProperty("ivr.state-dir", dir.resolve(".ivr").toString());
        Files.createDirectories(dir.resolve(".ivr"));
        Files.writeString(dir.resolve(".ivr").resolve("payload-keys"), "\n");

        assertThatThrownBy(() -> PayloadKeyFile.forPlatform(Map.of())).isInstanceOf(InvalidPayloadKeys.class)
                .hasMessageContaining("holds no key: delete it to have a new one made");
    }
}

package org.openivr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ivr call} without a platform: usage errors (exit 2) and a platform that is not there (exit 1). */
class CallCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int call(Map<String, String> env, String... args) {
        return new CallCommand(new PrintStream(out, true, StandardCharsets.UTF_8), env::get).run(List.of(args));
    }

    @Test
    void badUsageSaysWhatIsMissingAndExitsTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Ivr.run(new String[] {"call", "--flow", "appointment-reminder"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("call needs --to NUMBER and --flow NAME")
                .contains("usage: ivr");
        assertThatThrownBy(() -> call(Map.of(), "--to", "+14255550123", "--flow", "x"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--key KEY, or IVR_API_KEY");
        assertThatThrownBy(() -> call(Map.of(), "--to", "+14255550123", "--flow", "x", "--key", "k", "--loud"))
                .isInstanceOf(UsageException.class).hasMessage("call does not know '--loud'");
        assertThatThrownBy(() -> call(Map.of(), "--to", "--flow", "x"))
                .isInstanceOf(UsageException.class).hasMessage("--to needs a value");
        assertThatThrownBy(() -> call(Map.of("IVR_API_KEY", "k"), "--to", "+1", "--flow", "x", "--var", "novalue"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--var needs NAME=VALUE");
        assertThatThrownBy(() -> call(Map.of("IVR_API_KEY", "k"), "--to", "+1", "--flow", "x", "--api", "nowhere"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--api");
    }

    @Test
    void noPlatformAtTheAddressIsAFailureThatSaysSo() {
        int exit = call(Map.of("IVR_API_KEY", "k", "IVR_API_URL", "http://127.0.0.1:" + Ports.free()),
                "--to", "+14255550123", "--flow", "appointment-reminder");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("no platform answers at http://127.0.0.1:");
    }

    @Test
    void variablesAreTypedLikeJson() {
        assertThat(CallCommand.scalar("3")).isEqualTo(3L);
        assertThat(CallCommand.scalar("2.5")).isEqualTo(2.5);
        assertThat(CallCommand.scalar("true")).isEqualTo(true);
        assertThat(CallCommand.scalar("\"007\"")).isEqualTo("007");
        assertThat(CallCommand.scalar("Robin")).isEqualTo("Robin");
        assertThat(CallCommand.scalar("tomorrow at 10")).isEqualTo("tomorrow at 10");
    }
}

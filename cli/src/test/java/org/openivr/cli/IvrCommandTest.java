package org.openivr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IvrCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int ivr(String... args) {
        return Ivr.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void noCommandOrAnUnknownOneIsBadUsage() {
        assertThat(ivr()).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: ivr");
        assertThat(ivr("dance")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'dance'");
    }

    @Test
    void badOptionsAreBadUsage() {
        assertThat(ivr("demo", "--fast")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("demo does not know the option '--fast'");
        assertThat(ivr("serve", "--port", "http")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--port needs a number, not 'http'");
        assertThat(ivr("validate")).isEqualTo(2);
        assertThat(ivr("soak", "--calls", "0")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--calls must be at least 1, not 0");
        assertThat(ivr("soak", "--deadline", "3min")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--deadline needs a duration such as 500ms, 30s, 3m or 24h, not '3min'");
        assertThat(ivr("serve", "--retention", "forever")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--retention needs a duration such as 500ms, 30s, 3m or 24h, not 'forever'");
        assertThat(ivr("soak", "--minutes")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--minutes needs a value");
    }

    @Test
    void aWorkerWithoutTemporalOrAcsOrWithAStrayArgumentIsBadUsage(@TempDir Path dir) {
        assertThat(ivr("worker", "--colour", "blue")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("worker does not take '--colour'");
        assertThat(ivr("worker", "--temporal")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--temporal needs a value");

        PrintStream printed = new PrintStream(out, true, StandardCharsets.UTF_8);
        System.setProperty("ivr.state-dir", dir.toString()); // no serve running here
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> new WorkerCommand(printed, java.util.Map.of()).run(java.util.List.of()))
                    .isInstanceOf(UsageException.class).hasMessageContaining("--temporal HOST:PORT");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WorkerCommand(printed,
                            java.util.Map.of("TEMPORAL_ADDRESS", "127.0.0.1:7233")).run(java.util.List.of()))
                    .isInstanceOf(UsageException.class).hasMessageContaining("ACS connection string");
        } finally {
            System.clearProperty("ivr.state-dir");
        }
    }

    @Test
    void validateShipsTheExampleFlowClean() {
        assertThat(ivr("validate", "../flows/support-line.yaml")).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 file(s): 0 error(s)");
    }

    @Test
    void validateReportsProblemsCompilerStyleAndFails(@TempDir Path dir) throws IOException {
        Path flow = dir.resolve("broken.yaml");
        Files.writeString(flow, """
                flow: broken
                start: welcome
                nodes:
                  welcome:
                    play: "Hello."
                    next: goodbye
                """);
        assertThat(ivr("validate", flow.toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(flow + ":6:11: error:")
                .contains("'goodbye'");
    }

    @Test
    void demoOfAFlowWithoutScriptedCallsSaysSoAndFails() {
        System.setProperty("ivr.flows", "../flows");
        try {
            assertThat(ivr("demo", "no-such-flow")).isEqualTo(1);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("no scripted calls for flow 'no-such-flow'");
        } finally {
            System.clearProperty("ivr.flows");
        }
    }

    @Test
    void demoAndSoakInAFolderWithNoScriptedCallsSayThereIsNothingToRun(@TempDir Path flows) throws IOException {
        Files.writeString(flows.resolve("lonely.yaml"), """
                flow: lonely
                start: bye
                nodes:
                  bye:
                    hangup: {}
                """);
        System.setProperty("ivr.flows", flows.toString());
        try {
            for (String command : new String[] {"demo", "soak"}) {
                out.reset();
                assertThat(ivr(command)).as(command).isEqualTo(1);
                assertThat(out.toString(StandardCharsets.UTF_8)).as(command)
                        .contains(flows + ": no scripted calls (*.calls.yaml) to run")
                        .doesNotContain("Starting the platform");
            }
        } finally {
            System.clearProperty("ivr.flows");
        }
    }
}

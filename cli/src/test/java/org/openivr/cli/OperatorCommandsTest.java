package org.openivr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator commands' options and where they connect, without a server. */
class OperatorCommandsTest {

    @AfterEach
    void clear() {
        System.clearProperty("ivr.state-dir");
    }

    @Test
    void theAddressComesFromTheOptionThenTheEnvironmentThenTheRunningPlatformThenTheDefault(@TempDir Path dir) {
        System.setProperty("ivr.state-dir", dir.resolve(".ivr").toString());
        assertThat(TemporalConnection.target(null, Map.of()).address()).isEqualTo("127.0.0.1:7233");
        TemporalAddressFile.write("127.0.0.1:40001");
        assertThat(TemporalConnection.target(null, Map.of())).isEqualTo(
                new TemporalConnection.Target("127.0.0.1:40001", dir.resolve(".ivr").resolve("temporal-address").toString()));
        assertThat(TemporalConnection.target(null, Map.of("TEMPORAL_ADDRESS", "temporal.example:7233")).address())
                .isEqualTo("temporal.example:7233");
        assertThat(TemporalConnection.target("10.1.2.3:7233", Map.of("TEMPORAL_ADDRESS", "x:1")).address())
                .isEqualTo("10.1.2.3:7233");
        TemporalAddressFile.deleteIf("127.0.0.1:40002");
        assertThat(TemporalAddressFile.read()).as("another platform's file is left alone").contains("127.0.0.1:40001");
        TemporalAddressFile.deleteIf("127.0.0.1:40001");
        assertThat(TemporalAddressFile.read()).isEmpty();
    }

    @Test
    void optionsAreParsedAndCheckedLikeTheOtherCommands() {
        TemporalConnection.Options options = TemporalConnection.Options.parse("inspect",
                List.of("call-1", "--stuck-after", "90s", "--terminate", "--reason", "test", "--json", "--namespace", "ivr"),
                List.of("--terminate"), List.of("--reason"));
        assertThat(options.stuckAfter()).isEqualTo(Duration.ofSeconds(90));
        assertThat(options.json()).isTrue();
        assertThat(options.namespace()).isEqualTo("ivr");
        assertThat(options.rest()).containsExactly("call-1", "--terminate", "--reason", "test");
        assertThat(DurationOption.parse("--stuck-after", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationOption.parse("--stuck-after", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationOption.parse("--stuck-after", "24h")).isEqualTo(Duration.ofHours(24));
        assertThatThrownBy(() -> DurationOption.parse("--stuck-after", "1 minute")).isInstanceOf(UsageException.class)
                .hasMessage("--stuck-after needs a duration such as 500ms, 30s, 3m or 24h, not '1 minute'");
        // As the options' defaults are printed: the way they would be given.
        assertThat(DurationOption.format(Duration.ofHours(24))).isEqualTo("24h");
        assertThat(DurationOption.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(DurationOption.format(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(DurationOption.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(DurationOption.format(Duration.ZERO)).isEqualTo("0ms");
        assertThatThrownBy(() -> TemporalConnection.Options.parse("calls", List.of("--stuck-after"), List.of(), List.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("--stuck-after needs a value");
        assertThatThrownBy(() -> TemporalConnection.Options.parse("calls", List.of("--loud"), List.of(), List.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("calls does not know the option '--loud'");
        assertThatThrownBy(() -> ServeCommand.temporalPort(List.of("--temporal-port", "x")))
                .isInstanceOf(UsageException.class).hasMessageContaining("--temporal-port needs a number, not 'x'");
        assertThat(ServeCommand.temporalPort(List.of("--port", "80", "--temporal-port", "7233"))).isEqualTo(7233);
    }

    @Test
    void theStackTraceKeepsThreadsAndThePlatformsOwnFrames() {
        String trace = """
                workflow-method-call-1-abc: (BLOCKED on await)
                app//io.temporal.internal.sync.WorkflowThreadScheduler.yieldLocked(WorkflowThreadScheduler.java:37)
                app//io.temporal.workflow.Workflow.await(Workflow.java:591)
                app//org.openivr.workflows.interpreter.CallSession.awaitOperation(CallSession.java:378)
                app//org.openivr.workflows.interpreter.MenuVerb.run(MenuVerb.java:24)
                jdk.internal.reflect.GeneratedMethodAccessor21.invoke(Unknown Source)
                """;
        assertThat(InspectCommand.ourFrames(trace)).containsExactly(
                "workflow-method-call-1-abc: (BLOCKED on await)",
                "  ...",
                "  org.openivr.workflows.interpreter.CallSession.awaitOperation(CallSession.java:378)",
                "  org.openivr.workflows.interpreter.MenuVerb.run(MenuVerb.java:24)",
                "  ...");
    }
}

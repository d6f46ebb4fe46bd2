package org.openivr.workflows.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Histories of real demo calls (saved with {@code ./ivr demo --save-histories
 * workflows/src/test/resources/histories}) replayed against today's interpreter, with four saved from the
 * interpreter's own tests for paths no demo call takes on demand: two {@code test-line--*} from {@link CallWorkflowTest}
 * (ACS answering "Call not found" before the caller's CallDisconnected: {@code callerGone*}), one {@code continued--*}
 * from {@link LongCallTest} (a key with the first task of a continued run) and one {@code keyed--*} from
 * {@link ListenTest} (the same key pressed twice quickly). A change that
 * would break calls in flight during a deployment fails here; guard it with
 * {@code Workflow.getVersion} instead of regenerating the histories. They are saved decrypted (the platform
 * encrypts payloads in Temporal), so replaying them needs no key.
 */
class ReplayTest {
    private static final Path HISTORIES = Path.of("src", "test", "resources", "histories");

    @BeforeAll
    static void warmUp() {
        InterpreterWarmUp.run(); // as the worker does before taking calls
    }

    static List<Path> histories() throws IOException {
        try (Stream<Path> files = Files.list(HISTORIES)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("histories")
    void savedCallReplaysWithoutNonDeterminism(Path file) throws Exception {
        WorkflowExecutionHistory history = WorkflowExecutionHistory.fromJson(Files.readString(file, StandardCharsets.UTF_8));
        assertThat(history.getEvents()).hasSizeGreaterThan(10);
        WorkflowReplayer.replayWorkflowExecution(history, CallWorkflowImpl.class);
    }
}

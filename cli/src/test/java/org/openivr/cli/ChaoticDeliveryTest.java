package org.openivr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openivr.emulator.Faults;
import org.openivr.emulator.LedgerEntry;

/**
 * Every demo flow's scripted calls (all of flows/*.calls.yaml, inbound and outbound) while the emulator delivers
 * every callback and Event Grid event twice, shuffled within {@link Faults#CHAOS_SHUFFLE_WINDOW} and delayed: each
 * call must still meet its {@code expect}, and no step may have been executed twice in ACS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChaoticDeliveryTest {
    private static final Path FLOWS = Path.of("..", "flows");
    private Platform platform;
    private DemoSuites suites;

    @BeforeAll
    void start() throws Exception {
        suites = DemoSuites.load(FLOWS, List.of());
        assertThat(suites.problems()).isEmpty();
        platform = Platform.start(new PlatformOptions(FLOWS, 0, null, null, suites.routes(), 0.2, null));
        platform.emulator().setFaults(Faults.chaos());
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void everyScriptedCallEndsAsExpectedAndNothingRunsTwice() throws Exception {
        List<CallRun> runs = new DemoRunner(platform.workflowClient(), platform.emulator(),
                new TimelinePrinter(new PrintStream(System.out, true)), Duration.ofMinutes(3), platform.apiClient())
                .run(suites.suites(), suites.numbers());

        int scripted = suites.suites().stream().mapToInt(s -> s.calls().size()).sum();
        assertThat(runs).hasSize(scripted);
        for (CallRun run : runs) {
            assertThat(run.problems()).as(run.label()).isEmpty();
        }
        for (CallRun run : runs.stream().filter(r -> !r.call().outbound()).toList()) {
            String connection = platform.emulator().call(run.callId().substring("call-".length()))
                    .orElseThrow().callConnectionId();
            assertThat(platform.emulator().ledger().entries(connection).stream().map(LedgerEntry::operation))
                    .as(run.label()).containsOnlyOnce("answer");
        }
        assertThat(platform.emulator().ledger().repeatedSteps()).isEmpty();
    }
}

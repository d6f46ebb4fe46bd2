package org.openivr.cli.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openivr.cli.DemoSuites;

class CallMixTest {
    private static final Path FLOWS = Path.of("../flows");

    @Test
    void flowsThatPauseOnAWorkflowTimerAreNotSampled() {
        assertThat(CallMix.pausesOnTimer(FLOWS, "agent-queue", new HashSet<>())).isTrue();
        assertThat(CallMix.pausesOnTimer(FLOWS, "live-assist", new HashSet<>())).isTrue();
        assertThat(CallMix.pausesOnTimer(FLOWS, "support-line", new HashSet<>())).isFalse();
        assertThat(CallMix.pausesOnTimer(FLOWS, "card-payment", new HashSet<>())).isFalse();
    }

    @Test
    void aWaitInASubflowCountsForTheFlowThatCallsIt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("main.yaml"), """
                flow: main
                start: ask
                nodes:
                  ask:
                    subflow: {flow: pause}
                    next: bye
                  bye:
                    hangup: {}
                """);
        Files.writeString(dir.resolve("pause.yaml"), """
                flow: pause
                start: hold-on
                nodes:
                  hold-on:
                    wait: 2s
                    next: return
                """);
        assertThat(CallMix.pausesOnTimer(dir, "pause", new HashSet<>())).isTrue();
        assertThat(CallMix.pausesOnTimer(dir, "main", new HashSet<>())).isTrue();
    }

    @Test
    void everyScriptedCallOfEveryFlowTakesItsTurn() {
        DemoSuites suites = DemoSuites.load(FLOWS, List.of());
        CallMix mix = CallMix.of(suites, FLOWS);
        int scripted = suites.suites().stream().mapToInt(s -> s.calls().size()).sum();

        assertThat(mix.calls()).hasSize(scripted);
        List<String> twoRounds = IntStream.range(0, 2 * scripted).mapToObj(i -> mix.next().label()).toList();
        assertThat(twoRounds.subList(0, scripted)).doesNotHaveDuplicates().isEqualTo(twoRounds.subList(scripted, 2 * scripted));
        assertThat(mix.calls()).filteredOn(CallMix.MixedCall::sampled).extracting(CallMix.MixedCall::flow)
                .contains("support-line").doesNotContain("agent-queue", "clinic-line", "live-assist");
    }
}

package org.openivr.cli.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openivr.cli.DemoSuites;
import org.openivr.cli.PlatformOptions;

/** A small soak through the real platform: the report a user reads, with every call accounted for. */
class SoakEndToEndTest {

    @Test
    void keepsCallsInFlightAndAccountsForEveryOneWithBothLatencies() throws Exception {
        Path flows = Path.of("../flows");
        DemoSuites suites = DemoSuites.load(flows, List.of("support-line"));
        Map<String, String> routes = new LinkedHashMap<>();
        suites.numbers().forEach((flow, number) -> routes.put(number, flow));
        SoakSettings settings = new SoakSettings(3, Duration.ofSeconds(12), Duration.ZERO, Duration.ofMinutes(1), Duration.ofSeconds(5),
                Duration.ofMillis(100), Duration.ZERO, true, 0.25, List.of("support-line"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        int exit = Soak.run(settings, new PlatformOptions(flows, 0, null, null, routes, 0.25, null), suites,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String report = bytes.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(report).isZero();
        assertThat(report).contains("lost 0; stuck 0; not placed 0", "failed expect 0", "PASS: every call met its expect, and no ACS step was done twice")
                .containsPattern("started (\\d+); completed \\(met expect\\) \\1;")
                .containsPattern("time to answer \\(incoming call placed -> answer\\) +p50 [0-9.]+ / p99 [0-9.]+ / max [0-9.]+ ms \\(n=[1-9]")
                .containsPattern("event->action \\(callback in -> next ACS request\\) +p50 [0-9.]+ / p99 [0-9.]+ / max [0-9.]+ ms \\(n=[1-9]")
                .containsPattern("Temporal signal->activity \\(probe workflow\\) +p50 [0-9.]+ / p99 [0-9.]+ / max [0-9.]+ ms \\(n=[1-9]")
                .contains("live heap (after a full GC)", "then Temporal stopped")
                .containsPattern("cpu +this process \\(platform, embedded Temporal, emulator, soak\\) over the run: CPU \\d+% of \\d+ cores,"
                        + " \\d+\\.\\d{3} CPU-s per call ended")
                .containsPattern("stuck 0, not placed 0; CPU \\d+% of \\d+ cores, ")
                .containsPattern("ACS steps run again: done twice 0; prompt or listen sent again barging in \\d+; "
                        + "state set again \\d+");
        // At least the 3 kept in flight (how many more started depends on the machine's speed).
        assertThat(Integer.parseInt(report.replaceAll("(?s).*calls +started (\\d+);.*", "$1"))).isGreaterThanOrEqualTo(3);
        // --live-heap: a full collection at each report, its result printed with the report.
        assertThat(report).containsPattern("; live after a full GC \\d+ MB\\)");
        // With a retention of zero the embedded server forgets an ended call at its next sweep (one a second).
        assertThat(report).containsPattern("server: \\d+ ended workflows kept, [1-9]\\d* forgotten \\(the embedded server"
                + " forgets them 0ms after they end\\)");
    }
}

package org.openivr.cli.soak;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openivr.cli.DurationOption;

/** What {@code ivr soak} prints: a header, two lines per period, and the summary. */
final class SoakPrinter {
    private static final double MB = 1024.0 * 1024.0;
    private final PrintStream out;

    SoakPrinter(PrintStream out) {
        this.out = out;
    }

    void header(SoakSettings settings, CallMix mix) {
        List<String> sampled = mix.calls().stream().filter(CallMix.MixedCall::sampled).map(CallMix.MixedCall::flow)
                .distinct().toList();
        List<String> unsampled = mix.calls().stream().filter(c -> !c.sampled()).map(CallMix.MixedCall::flow)
                .distinct().toList();
        line(String.format("Soak: %d calls in flight (reached over %d s) for %s, %s; a call still running %d s after it was"
                        + " placed is stuck", settings.calls(), settings.rampUp().toSeconds(), minutes(settings.length()),
                timeScale(settings.timeScale()), settings.deadline().toSeconds()));
        line(String.format("Mix: %d scripted calls of %d flows, in turn", mix.calls().size(),
                mix.calls().stream().map(CallMix.MixedCall::flow).distinct().count()));
        line("Event->action sampled on " + sampled + (unsampled.isEmpty() ? "" : "; not on " + unsampled
                + " (a wait or listen node: their next request can follow a timer, not a callback)"));
        line("");
    }

    synchronized void progress(SoakSample sample) {
        SoakTally.Counts c = sample.counts();
        out.printf("%6s  in flight %d, started %d: completed %d, failed %d, lost %d, stuck %d, not placed %d; %s%n",
                clock(sample.elapsed()), c.inFlight(), c.started(), c.completed(), c.failedExpect(), c.lost(),
                c.stuck(), c.notPlaced(), sample.cpu().format());
        out.printf("        heap after GC %s (lowest %s, %d GCs%s); server keeps %d ended workflows, about %.0f MB serialized%s%n",
                mb(sample.heap().lastBytes()), mb(sample.heap().lowestBytes()), sample.heap().collections(),
                sample.heap().liveBytes() < 0 ? "" : "; live after a full GC " + mb(sample.heap().liveBytes()),
                sample.histories().workflows(), sample.histories().bytes() / MB, sample.histories().forgottenText());
        out.printf("        answer %s; event->action %s; signal->activity %s%n", sample.timeToAnswer().format(),
                sample.eventToAction().format(), sample.signalToActivity().format());
        out.flush();
    }

    synchronized void line(String text) {
        out.println(text);
        out.flush();
    }

    synchronized void summary(SoakSettings settings, SoakResult result, long liveAtStart, Map<String, Long> liveWhileClosing) {
        SoakTally.Counts c = result.counts();
        out.println();
        out.printf("Soak summary: %d calls in flight for %s (%s), took %s%n", settings.calls(), minutes(settings.length()),
                timeScale(settings.timeScale()), clock(result.took()));
        out.printf("  calls   started %d; completed (met expect) %d; failed expect %d; lost %d; stuck %d; not placed %d%n",
                c.started(), c.completed(), c.failedExpect(), c.lost(), c.stuck(), c.notPlaced());
        out.printf("  cpu     this process (platform, %s, emulator, soak) over the run: %s%n",
                result.temporalInProcess() ? "embedded Temporal" : "not Temporal", result.cpu().format());
        out.printf("  ACS steps run again: %s%n", result.repeats().format());
        out.printf("  latencies after the %d s ramp-up [and over the whole run]%n", settings.rampUp().toSeconds());
        out.printf("  time to answer (incoming call placed -> answer)   %s%n", result.timeToAnswer().format());
        out.printf("  event->action (callback in -> next ACS request)   %s%n", result.eventToAction().format());
        out.printf("          %d callbacks of sampled calls; %d overtaken by another callback; %d with nothing after%n",
                result.callbacks().callbacks(), result.callbacks().superseded(), result.callbacks().unanswered());
        result.slowestEventToAction().forEach(slow -> out.printf("          slow: %s%n", slow.format()));
        out.printf("  Temporal signal->activity (probe workflow)        %s%s%n", result.signalToActivity().format(),
                result.failedProbeSignals() == 0 ? "" : ", " + result.failedProbeSignals() + " signals failed");
        out.printf("          one signal at a time every %d ms; %d ticks skipped while the previous signal waited%n",
                settings.probeEvery().toMillis(), result.skippedProbeTicks());
        out.println("  heap after GC and CPU over time (MB; lowest / last after a GC in each period; server: ended histories");
        out.println("  kept, serialized, estimated from 1 call in " + RetainedHistories.SAMPLE_EVERY + "; live: after a full GC,"
                + " with --live-heap;");
        out.println("  cpu: share of all cores, and CPU-seconds per call ended, in each period)");
        out.println("      time  in flight    ended   lowest     last   server     live    cpu  cpu-s/call");
        for (SoakSample sample : result.samples()) {
            SoakTally.Counts s = sample.counts();
            out.printf("    %6s  %9d  %7d  %7s  %7s  %7.0f  %7s  %5s  %10s%n", clock(sample.elapsed()), s.inFlight(),
                    s.ended(), mbNumber(sample.heap().lowestBytes()),
                    mbNumber(sample.heap().lastBytes()), sample.histories().bytes() / MB,
                    mbNumber(sample.heap().liveBytes()), percent(sample.cpu().busyShare()),
                    sample.cpu().secondsPerCall() < 0 ? "-" : String.format("%.3f", sample.cpu().secondsPerCall()));
        }
        out.printf("  live heap (after a full GC): platform up and idle %.0f MB; %s%n", liveAtStart / MB,
                liveWhileClosing.entrySet().stream().map(e -> String.format("%s %.0f MB", e.getKey(), e.getValue() / MB))
                        .collect(Collectors.joining(", then ")));
        out.printf("  server: %d ended workflows kept%s%s; a call's history %.1f KB on average (serialized)%n",
                result.histories().workflows(), result.histories().forgottenText(),
                result.histories().forgotten() < 0 ? "" : " (the embedded server forgets them "
                        + DurationOption.format(settings.retention()) + " after they end)",
                result.histories().averageBytes() / 1024.0);
        if (!result.problems().isEmpty() || !result.repeatExamples().isEmpty()) {
            out.println("  first problems (up to " + SoakTally.KEPT_PROBLEMS + " of each kind; steps done twice, lost and "
                    + "stuck first):");
            result.repeatExamples().forEach(p -> out.println("    " + p));
            result.problems().forEach(p -> out.println("    " + p));
        }
        out.println(result.clean() ? "PASS: every call met its expect, and no ACS step was done twice"
                : "FAIL: " + (c.clean() ? "" : "calls failed, were lost, stuck or not placed")
                        + (c.clean() || result.repeats().doneTwice() == 0 ? "" : "; ")
                        + (result.repeats().doneTwice() == 0 ? "" : "ACS steps were done twice"));
        out.flush();
    }

    private static String timeScale(double scale) {
        return scale == 1.0 ? "emulated time at real speed" : "emulated time x"
                + new java.math.BigDecimal(1 / scale).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static String minutes(Duration duration) {
        return duration.toSeconds() % 60 == 0 ? duration.toMinutes() + " min" : duration.toSeconds() + " s";
    }

    private static String clock(Duration elapsed) {
        long seconds = elapsed.toSeconds();
        return String.format("%d:%02d", seconds / 60, seconds % 60);
    }

    private static String mb(long bytes) {
        return bytes < 0 ? "-" : String.format("%.0f MB", bytes / MB);
    }

    private static String percent(double share) {
        return share < 0 ? "-" : String.format("%.0f%%", share * 100);
    }

    private static String mbNumber(long bytes) {
        return bytes < 0 ? "-" : String.format("%.0f", bytes / MB);
    }
}

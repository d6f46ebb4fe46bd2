package org.openivr.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code ivr demo}: everything local, every scripted call, a live timeline, a verdict per call. */
final class DemoCommand {
    /** Emulated time runs four times faster than real time unless --realtime: timeouts are what demos wait on. */
    static final double FAST = 0.25;
    private final PrintStream out;

    DemoCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> args) {
        List<String> flows = new ArrayList<>();
        boolean realtime = false;
        Path saveHistories = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--realtime")) {
                realtime = true;
            } else if (arg.equals("--save-histories")) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("--save-histories needs a directory");
                }
                saveHistories = Path.of(args.get(++i));
            } else if (arg.startsWith("-")) {
                throw new UsageException("demo does not know the option '" + arg + "'");
            } else {
                flows.add(arg);
            }
        }
        Path flowsDir = Path.of(System.getProperty("ivr.flows", "flows"));
        DemoSuites suites = DemoSuites.load(flowsDir, flows);
        if (!suites.problems().isEmpty()) {
            suites.problems().forEach(out::println);
            return 1;
        }
        out.println("Starting the platform: embedded Temporal, ACS emulator, API and worker ...");
        PlatformOptions options = new PlatformOptions(flowsDir, 0, null, null, suites.routes(), realtime ? 1.0 : FAST, null);
        try (Platform platform = Platform.start(options)) {
            TimelinePrinter printer = new TimelinePrinter(out);
            int calls = suites.suites().stream().mapToInt(s -> s.calls().size()).sum();
            out.printf("Running %d scripted call(s) of %d flow(s)%s%n%n", calls, suites.suites().size(),
                    realtime ? " in real time" : " (emulated time x4)");
            List<CallRun> runs = new DemoRunner(platform.workflowClient(), platform.emulator(), printer,
                    Duration.ofMinutes(3), platform.apiClient()).run(suites.suites(), suites.numbers());
            if (saveHistories != null) {
                HistoryExport.save(platform.workflowClient(), platform.payloadDecoder(), runs, saveHistories, out);
            }
            return summarize(runs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("interrupted");
            return 1;
        } catch (Exception e) {
            out.println("the demo could not run: " + e);
            return 1;
        }
    }

    private int summarize(List<CallRun> runs) {
        out.println();
        out.println("Summary");
        int failed = 0;
        for (CallRun run : runs) {
            String how = run.result() == null ? "did not finish"
                    : run.result().ending() + ", " + run.result().path().size() + " nodes";
            out.printf("  %s  %s  (%s)%n", run.passed() ? "PASS" : "FAIL", run.label(), how);
            out.printf("        path: %s%n", run.result() == null || run.result().path().isEmpty() ? "-"
                    : String.join(" > ", run.result().path()));
            for (String problem : run.problems()) {
                out.printf("        - %s%n", problem);
            }
            failed += run.passed() ? 0 : 1;
        }
        out.printf("%n%d call(s): %d passed, %d failed%n", runs.size(), runs.size() - failed, failed);
        return failed == 0 ? 0 : 1;
    }
}

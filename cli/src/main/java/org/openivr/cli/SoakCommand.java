package org.openivr.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.openivr.cli.soak.Soak;
import org.openivr.cli.soak.SoakSettings;

/** {@code ivr soak}: keeps N scripted calls in flight for M minutes and reports what happened to them. */
final class SoakCommand {
    private final PrintStream out;
    private final Function<String, String> env;

    SoakCommand(PrintStream out, Function<String, String> env) {
        this.out = out;
        this.env = env;
    }

    int run(List<String> args) {
        SoakSettings settings = parse(args);
        Path flowsDir = Path.of(System.getProperty("ivr.flows", "flows"));
        DemoSuites suites = DemoSuites.load(flowsDir, settings.flows());
        if (!suites.problems().isEmpty()) {
            suites.problems().forEach(out::println);
            return 1;
        }
        if (blankToNull(env.apply("ACS_CONNECTION_STRING")) != null) {
            out.println("ivr soak drives the local ACS emulator: unset ACS_CONNECTION_STRING");
            return 1;
        }
        PlatformOptions options = new PlatformOptions(flowsDir, 0, blankToNull(env.apply("TEMPORAL_ADDRESS")), null,
                suites.routes(), settings.timeScale(), null);
        out.println("Starting the platform: " + (options.temporalAddress() == null ? "embedded Temporal"
                : "Temporal at " + options.temporalAddress()) + ", ACS emulator, API and worker ...");
        try {
            return Soak.run(settings, options, suites, out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("interrupted");
            return 1;
        } catch (Exception e) {
            out.println("the soak could not run: " + e);
            return 1;
        }
    }

    static SoakSettings parse(List<String> args) {
        int calls = 100;
        Duration length = Duration.ofMinutes(2);
        Duration rampUp = Duration.ofSeconds(30);
        Duration deadline = Duration.ofMinutes(3);
        Duration reportEvery = Duration.ofSeconds(30);
        Duration probeEvery = Duration.ofMillis(100);
        Duration retention = Duration.ofMinutes(1);
        boolean realtime = false;
        boolean liveHeap = false;
        List<String> flows = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--calls" -> calls = number(arg, value(args, i++));
                case "--minutes" -> length = minutes(value(args, i++));
                case "--ramp-up" -> rampUp = DurationOption.parse(arg, value(args, i++));
                case "--deadline" -> deadline = DurationOption.parse(arg, value(args, i++));
                case "--report-every" -> reportEvery = DurationOption.parse(arg, value(args, i++));
                case "--probe-every" -> probeEvery = DurationOption.parse(arg, value(args, i++));
                case "--retention" -> retention = DurationOption.parse(arg, value(args, i++));
                case "--realtime" -> realtime = true;
                case "--live-heap" -> liveHeap = true;
                default -> {
                    if (arg.startsWith("-")) {
                        throw new UsageException("soak does not know the option '" + arg + "'");
                    }
                    flows.add(arg);
                }
            }
        }
        try {
            return new SoakSettings(calls, length, rampUp, deadline, reportEvery, probeEvery, retention, liveHeap,
                    realtime ? 1.0 : DemoCommand.FAST, flows);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static String value(List<String> args, int at) {
        if (at + 1 >= args.size()) {
            throw new UsageException(args.get(at) + " needs a value");
        }
        return args.get(at + 1);
    }

    private static int number(String option, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a whole number, not '" + text + "'");
        }
    }

    /** Minutes, fractions allowed ({@code 0.5} is 30 s). */
    private static Duration minutes(String text) {
        try {
            double minutes = Double.parseDouble(text);
            if (!(minutes > 0) || minutes > 24 * 60) {
                throw new UsageException("--minutes must be more than 0 and at most a day, not '" + text + "'");
            }
            return Duration.ofMillis(Math.round(minutes * 60_000));
        } catch (NumberFormatException e) {
            throw new UsageException("--minutes needs a number, not '" + text + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

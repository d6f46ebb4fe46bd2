package org.openivr.cli;

import java.io.PrintStream;
import org.openivr.workflows.TimelineEntry;

/** Prints timeline lines of concurrent calls so each line says which call it belongs to. */
final class TimelinePrinter {
    private final PrintStream out;

    TimelinePrinter(PrintStream out) {
        this.out = out;
    }

    synchronized void entry(String label, long startMillis, TimelineEntry entry) {
        double seconds = Math.max(0, entry.atMillis() - startMillis) / 1000.0;
        out.printf("  %-42s %6.1fs  %-14s %-8s %s%n", "[" + label + "]", seconds,
                entry.node() == null ? "" : entry.node(), entry.kind(), entry.text());
    }

    synchronized void line(String text) {
        out.println(text);
    }
}

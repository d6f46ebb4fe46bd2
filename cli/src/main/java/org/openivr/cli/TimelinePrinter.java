package org.openivr.cli;

import java.io.PrintStream;
import org.openivr.workflows.TimelineEntry;

/** Prints timeline lines of concurrent calls so each line says which call it belongs to. */
final class TimelinePrinter {
    private final PrintStream out;

    TimelinePrinter(PrintStream out) {
        this.out = out;
    }

    /** @param tag a short name of the call ({@code #3}), introduced when the call was placed */
    synchronized void entry(String tag, long startMillis, TimelineEntry entry) {
        double seconds = Math.max(0, entry.atMillis() - startMillis) / 1000.0;
        out.printf("  %-4s %5.1fs  %-18s %-8s %s%n", tag, seconds,
                entry.node() == null ? "" : entry.node(), entry.kind(), entry.text());
    }

    synchronized void line(String text) {
        out.println(text);
    }
}

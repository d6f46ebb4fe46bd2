package org.openivr.cli.soak;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls started and how they ended, plus the first few that went wrong of each kind, word for word, as evidence.
 * Kept per kind, because a run with hundreds of failed expects would otherwise fill the list before its one stuck
 * call, the problem an operator most needs to see.
 */
final class SoakTally {
    static final int KEPT_PROBLEMS = 20;
    /** The order problems are reported in: calls that vanished or hang first, then refused ones, then wrong ones. */
    private static final List<CallOutcome> SEVERITY = List.of(CallOutcome.LOST, CallOutcome.STUCK,
            CallOutcome.NOT_PLACED, CallOutcome.FAILED_EXPECT);
    private final AtomicLong started = new AtomicLong();
    private final Map<CallOutcome, AtomicLong> outcomes = new EnumMap<>(CallOutcome.class);
    private final Map<CallOutcome, List<String>> problems = new EnumMap<>(CallOutcome.class);

    SoakTally() {
        for (CallOutcome outcome : CallOutcome.values()) {
            outcomes.put(outcome, new AtomicLong());
            problems.put(outcome, new ArrayList<>());
        }
    }

    void started() {
        started.incrementAndGet();
    }

    /** @param problem what went wrong, or null when the call met its expect */
    void ended(CallOutcome outcome, String problem) {
        outcomes.get(outcome).incrementAndGet();
        if (problem != null) {
            synchronized (problems) {
                List<String> kept = problems.get(outcome);
                if (kept.size() < KEPT_PROBLEMS) {
                    kept.add(outcome.label() + ": " + problem);
                }
            }
        }
    }

    Counts counts() {
        return new Counts(started.get(), outcomes.get(CallOutcome.MET_EXPECT).get(),
                outcomes.get(CallOutcome.FAILED_EXPECT).get(), outcomes.get(CallOutcome.LOST).get(),
                outcomes.get(CallOutcome.STUCK).get(), outcomes.get(CallOutcome.NOT_PLACED).get());
    }

    /** Up to {@value #KEPT_PROBLEMS} of each kind, the most serious kind first. */
    List<String> problems() {
        synchronized (problems) {
            List<String> all = new ArrayList<>();
            SEVERITY.forEach(outcome -> all.addAll(problems.get(outcome)));
            return List.copyOf(all);
        }
    }

    /** Counts at one moment; calls started but not yet ended are in flight. */
    record Counts(long started, long completed, long failedExpect, long lost, long stuck, long notPlaced) {
        long inFlight() {
            return started - ended();
        }

        long ended() {
            return completed + failedExpect + lost + stuck;
        }

        boolean clean() {
            return failedExpect == 0 && lost == 0 && stuck == 0 && notPlaced == 0;
        }
    }
}

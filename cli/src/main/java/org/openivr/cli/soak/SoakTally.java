package org.openivr.cli.soak;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Calls started and how they ended, plus the first few that went wrong, word for word, as evidence. */
final class SoakTally {
    private static final int KEPT_PROBLEMS = 20;
    private final AtomicLong started = new AtomicLong();
    private final Map<CallOutcome, AtomicLong> outcomes = new EnumMap<>(CallOutcome.class);
    private final List<String> problems = new ArrayList<>();

    SoakTally() {
        for (CallOutcome outcome : CallOutcome.values()) {
            outcomes.put(outcome, new AtomicLong());
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
                if (problems.size() < KEPT_PROBLEMS) {
                    problems.add(outcome.label() + ": " + problem);
                }
            }
        }
    }

    Counts counts() {
        return new Counts(started.get(), outcomes.get(CallOutcome.MET_EXPECT).get(),
                outcomes.get(CallOutcome.FAILED_EXPECT).get(), outcomes.get(CallOutcome.LOST).get(),
                outcomes.get(CallOutcome.STUCK).get(), outcomes.get(CallOutcome.NOT_PLACED).get());
    }

    List<String> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    /** Counts at one moment; calls started but not yet ended are in flight. */
    record Counts(long started, long completed, long failedExpect, long lost, long stuck, long notPlaced) {
        long inFlight() {
            return started - completed - failedExpect - lost - stuck;
        }

        boolean clean() {
            return failedExpect == 0 && lost == 0 && stuck == 0 && notPlaced == 0;
        }
    }
}

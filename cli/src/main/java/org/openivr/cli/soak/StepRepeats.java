package org.openivr.cli.soak;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openivr.emulator.Ledger;
import org.openivr.emulator.LedgerEntry;

/**
 * Finds ACS steps executed more than once while the soak runs, as {@code WorkerCrashTest} does on a kept ledger: the
 * soak keeps no ledger (it would grow with every request), so this follows it live and remembers the steps
 * ({@link Ledger#stepOf}) of recent calls only. A call's steps are touched with each of its requests, so a call still
 * running is never forgotten; a repeat comes within its call's life.
 *
 * <p>A repeat is one of three kinds:
 * <ul>
 *   <li><b>done twice</b>: a step ACS could have de-duplicated ({@code Repeatability-Request-ID}) or one the platform
 *       promises to send once ran again. The soak fails on any;</li>
 *   <li><b>prompt or listen sent again</b>: a play or recognize sent again barging in after its attempt looked lost,
 *       which cancels the first run (ACS offers no request id for them; docs/operations.md, Reliability);</li>
 *   <li><b>state set again</b>: hold, unhold, continuous DTMF or media streaming started or stopped again after an
 *       attempt timed out; the call ends in the same state.</li>
 * </ul>
 */
final class StepRepeats {
    static final int KEPT_EXAMPLES = 20;
    private static final Set<String> STATE_CHANGES = Set.of("hold", "unhold", "startContinuousDtmfRecognition",
            "stopContinuousDtmfRecognition", "startMediaStreaming", "stopMediaStreaming");
    private static final Set<String> MEDIA = Set.of("play", "recognize");

    private final Map<String, Set<Integer>> stepsByCall;
    private long doneTwice;
    private long mediaResent;
    private long stateSetAgain;
    private final List<String> examples = new ArrayList<>();

    /** @param keptCalls how many calls' steps to remember, the least recently active forgotten first */
    StepRepeats(int keptCalls) {
        this.stepsByCall = new LinkedHashMap<>(keptCalls, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Set<Integer>> eldest) {
                return size() > keptCalls;
            }
        };
    }

    /** Called for every operation the emulator executed (its ledger's subscriber). */
    synchronized void executed(LedgerEntry entry) {
        String step = Ledger.stepOf(entry);
        if (step == null) {
            return;
        }
        // The hash stands for the step: a call has a few dozen steps, so a collision within one call is negligible.
        if (stepsByCall.computeIfAbsent(entry.callConnectionId(), call -> new HashSet<>()).add(step.hashCode())) {
            return;
        }
        if (entry.repeatabilityRequestId() == null && MEDIA.contains(entry.operation())
                && entry.requestBody().contains("\"interruptCallMediaOperation\":true")) {
            mediaResent++;
        } else if (entry.repeatabilityRequestId() == null && STATE_CHANGES.contains(entry.operation())) {
            stateSetAgain++;
        } else {
            doneTwice++;
            if (examples.size() < KEPT_EXAMPLES) {
                examples.add("done twice: " + step + (entry.repeatabilityRequestId() == null ? ""
                        : " (Repeatability-Request-ID " + entry.repeatabilityRequestId() + ")"));
            }
        }
    }

    synchronized Counts counts() {
        return new Counts(doneTwice, mediaResent, stateSetAgain);
    }

    /** The first steps done twice, as evidence. */
    synchronized List<String> examples() {
        return List.copyOf(examples);
    }

    record Counts(long doneTwice, long mediaResent, long stateSetAgain) {
        String format() {
            return "done twice " + doneTwice + "; prompt or listen sent again barging in " + mediaResent
                    + "; state set again " + stateSetAgain;
        }
    }
}

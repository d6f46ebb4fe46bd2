package org.openivr.cli.soak;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openivr.emulator.LedgerEntry;

/**
 * Time to answer: from an incoming call being placed (just before the emulator rings it and posts IncomingCall) to
 * the emulator executing its answer. The emulator's caller hangs up after ringing 30 s, so this is the figure that
 * says how close a loaded platform comes to losing callers before it speaks. Either end may be seen first (the
 * answer can come before the placing thread registers the call), so each call keeps whichever came first.
 */
final class TimeToAnswer {
    private final LatencyRecorder latency = new LatencyRecorder();
    private final Map<String, Stamp> firstSeen = new ConcurrentHashMap<>();

    /** The placing thread, once it knows the call's id. */
    void rang(String callId, long placedNanos) {
        firstSeen.compute(callId, (id, seen) -> {
            if (seen == null) {
                return new Stamp(true, placedNanos);
            }
            if (!seen.rang()) {
                latency.recordNanos(seen.nanos() - placedNanos);
                return null;
            }
            return seen;
        });
    }

    /** The emulator's simulation thread, right after it executed a request. */
    void requestExecuted(LedgerEntry entry, long nanos) {
        if (!entry.operation().equals("answer")) {
            return;
        }
        String callId = EventToAction.callIdIn(entry);
        if (callId == null) {
            return;
        }
        firstSeen.compute(callId, (id, seen) -> {
            if (seen == null) {
                return new Stamp(false, nanos);
            }
            if (seen.rang()) {
                latency.recordNanos(nanos - seen.nanos());
                return null;
            }
            return seen;
        });
    }

    /** The call ended: nothing more to match. */
    void forget(String callId) {
        firstSeen.remove(callId);
    }

    LatencyRecorder latency() {
        return latency;
    }

    /** @param rang true: the call was placed at {@code nanos}; false: it was answered then */
    private record Stamp(boolean rang, long nanos) {}
}

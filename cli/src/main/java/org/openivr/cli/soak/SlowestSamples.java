package org.openivr.cli.soak;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** The few slowest samples with the call and the request they ended on: where to look when a tail is long. */
final class SlowestSamples {
    private final int kept;
    private final PriorityQueue<Slow> fastestFirst = new PriorityQueue<>(Comparator.comparingLong(Slow::nanos));

    SlowestSamples(int kept) {
        this.kept = kept;
    }

    synchronized void offer(String callId, String operation, long nanos) {
        if (fastestFirst.size() < kept) {
            fastestFirst.add(new Slow(callId, operation, nanos));
        } else if (nanos > fastestFirst.peek().nanos()) {
            fastestFirst.poll();
            fastestFirst.add(new Slow(callId, operation, nanos));
        }
    }

    /** Slowest first. */
    synchronized List<Slow> slowest() {
        List<Slow> all = new ArrayList<>(fastestFirst);
        all.sort(Comparator.comparingLong(Slow::nanos).reversed());
        return all;
    }

    /** @param operation the ACS request that ended the sample */
    record Slow(String callId, String operation, long nanos) {
        String format() {
            return String.format("%.1f ms  %s, then %s", nanos / 1_000_000.0, callId, operation);
        }
    }
}

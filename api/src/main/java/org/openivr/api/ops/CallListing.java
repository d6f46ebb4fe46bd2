package org.openivr.api.ops;

import java.util.List;

/**
 * Open calls, most urgent first.
 *
 * @param source how they were found: {@code visibility} (a real cluster's list query) or {@code list-open}
 *               (Temporal's test server, which has no visibility queries)
 */
public record CallListing(List<CallSummary> calls, String source, long atMillis) {
    public long stuckCount() {
        return calls.stream().filter(CallSummary::stuck).count();
    }
}

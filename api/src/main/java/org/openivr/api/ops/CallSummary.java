package org.openivr.api.ops;

/**
 * One call as {@code ivr calls} and the inspector list it.
 *
 * @param status            the call's own status (answering | running | ended), or the workflow's when the state
 *                          query did not answer
 * @param waitingFor        what the call waits for (the {@code state} query), or null
 * @param waitingSinceMillis epoch millis when that wait began, or 0
 * @param waitedMillis      how long it has waited so far, or 0
 * @param allowedMillis     how long that wait may last before the call counts as stuck ({@link StuckRule}), or 0
 * @param verdict           OK | STUCK | RETRYING | UNKNOWN | ENDED
 * @param reason            a sentence behind a verdict other than OK, else null
 * @param pendingActivities ACS requests in flight (describe)
 */
public record CallSummary(String callId, String runId, String flow, String flowHash, String status, String currentNode,
                          String waitingFor, long waitingSinceMillis, long waitedMillis, long allowedMillis,
                          String allowanceBasis, String verdict, String reason, long startedAtMillis,
                          int pendingActivities) {
    public static final String OK = "OK";
    public static final String STUCK = "STUCK";
    public static final String RETRYING = "RETRYING";
    public static final String UNKNOWN = "UNKNOWN";
    public static final String ENDED = "ENDED";

    public boolean stuck() {
        return STUCK.equals(verdict);
    }
}

package org.openivr.workflows;

/**
 * What a call waits for, as the interpreter knows it: operators' tools judge a stuck call from this
 * instead of re-deriving the node's timers from text.
 *
 * @param description    for people, e.g. {@code RecognizeCompleted for 'main-menu' (op 4/main-menu)}
 * @param node           the node that waits, or null (answering, hanging up)
 * @param sinceMillis    when the wait began (call clock)
 * @param expectedMillis how long the wait can legitimately take (timeouts the node set, a pause's length, a
 *                       transfer's ringing); 0 when ACS answers in seconds (a prompt finishing, keys sent)
 * @param basis          why that long, e.g. {@code menu timeout 5s + 1 key x 2s}
 */
public record CallWait(String description, String node, long sinceMillis, long expectedMillis, String basis) {}

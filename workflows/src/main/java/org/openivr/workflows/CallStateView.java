package org.openivr.workflows;

import java.util.List;
import java.util.Map;

/**
 * The answer to the {@code state} query: where a call is and what it waits for.
 *
 * @param status            answering | running | ended
 * @param waitingFor        e.g. {@code RecognizeCompleted for 'main-menu' (op 4)}, or null when not waiting
 * @param waitingSinceMillis when the current wait began (call clock), or 0
 * @param variables         current values; variables written by sensitive nodes are masked
 * @param waiting           the same wait, structured (how long it may take and why), or null when not waiting;
 *                          null too from calls that started before this field existed
 */
public record CallStateView(String callId, String flow, String flowHash, String status, String currentNode,
                            String waitingFor, long waitingSinceMillis, Map<String, Object> variables,
                            List<String> path, List<TimelineEntry> timeline, CallResult result,
                            CallWait waiting) {}

package org.openivr.workflows;

import java.util.List;
import java.util.Map;

/**
 * Where a long call picks up after continue-as-new: everything the new run needs that is not in
 * the pinned flow. Carried in {@link CallInput}; the new run skips answering and goes on at {@code target}.
 *
 * @param seenEventIds the most recent event ids, so a late duplicate is still recognised
 * @param path         the most recent nodes of the path (older ones are in the previous runs' histories)
 * @param pendingTones continuous-DTMF tones received but not yet acted on
 */
public record CallResume(String target, String callConnectionId, String serverCallId, Map<String, Object> variables,
                         List<String> sensitiveVariables, List<String> path, List<String> seenEventIds,
                         long operationSequence, long lastToneSequence, boolean continuousKeys, String recordingId,
                         boolean recordingPaused, boolean recordingStopped, List<TimelineEntry> timeline, int runs,
                         List<CallEvent> pendingTones) {}

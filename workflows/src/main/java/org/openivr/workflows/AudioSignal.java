package org.openivr.workflows;

/**
 * What the streaming worker heard on a call's live audio: edges only, never one per frame.
 *
 * @param id          unique per signal; the workflow ignores an id it has seen
 * @param participantRawId whose audio (unmixed streams), or null for the mixed stream
 * @param key         for {@link Kind#KEY}: the key heard in band ({@code 0-9 * # A-D})
 * @param text        for {@link Kind#PHRASE}: what the transcript says
 * @param atMillis    when it was heard (epoch millis, the worker's clock; for logs only)
 */
public record AudioSignal(String id, Kind kind, String participantRawId, String key, String text, long atMillis) {
    public enum Kind { SPEECH_STARTED, SPEECH_ENDED, KEY, PHRASE }
}

package org.openivr.workflows;

/**
 * What the streaming worker heard on a call's live audio: edges only, never one per frame.
 *
 * @param id             unique per signal ({@code <callId>/<stream>/<sequence>}); the workflow ignores ids it has seen
 * @param participant    the speaker's raw id (unmixed audio), or {@code ""} for mixed audio
 * @param audioMillis    where the edge is in the participant's audio, ms from the stream's start
 * @param detectedMillis the audio time at which the worker decided it (audioMillis + algorithmic latency)
 * @param key            KEY: {@code 0-9 * # A-D}; else null
 * @param source         KEY: {@code in-band} or {@code acs} (a DtmfData packet); PHRASE: {@code transcription};
 *                       speech and silence: {@code vad}
 * @param text           PHRASE: what was said; else null
 * @param confidence     PHRASE: 0..1 as ACS reported it; else 0
 * @param silenceMillis  SILENCE: how long the caller has been silent; SPEECH_ENDED: the hangover that ended it; else 0
 */
public record AudioSignal(String id, Kind kind, String participant, long audioMillis, long detectedMillis, String key,
                          String source, String text, double confidence, long silenceMillis) {

    public enum Kind { SPEECH_STARTED, SPEECH_ENDED, SILENCE, KEY, PHRASE }

    public static final String IN_BAND = "in-band";
    public static final String ACS = "acs";
    public static final String TRANSCRIPTION = "transcription";
    public static final String VAD = "vad";
}

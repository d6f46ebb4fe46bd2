package org.openivr.workflows;

/**
 * One prompt part as the activity plays it: expressions already filled in.
 *
 * @param value  the text, the SSML, or the audio URL
 * @param voice  TTS voice name, or null
 * @param locale TTS language, e.g. en-US, or null
 */
public record PlaySource(Kind kind, String value, String voice, String locale) {
    public enum Kind { TEXT, SSML, AUDIO }
}

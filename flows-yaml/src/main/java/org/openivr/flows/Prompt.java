package org.openivr.flows;

/**
 * One piece of what the caller hears. A prompt in YAML may be a list; the model keeps a
 * {@code List<Prompt>} wherever a prompt is allowed.
 */
public sealed interface Prompt permits Prompt.Text, Prompt.Ssml, Prompt.Audio {
    /** Spoken with text-to-speech. {@code text} may contain {@code ${expression}} parts. */
    record Text(String text, String voice) implements Prompt {}

    record Ssml(String ssml) implements Prompt {}

    record Audio(String url) implements Prompt {}
}

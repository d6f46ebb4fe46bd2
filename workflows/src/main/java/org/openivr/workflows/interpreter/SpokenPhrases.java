package org.openivr.workflows.interpreter;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Matches what the transcript says against the words a flow listens for (case and punctuation ignored). */
final class SpokenPhrases {
    private SpokenPhrases() {}

    /** The first name whose words occur in {@code heard} as whole words, or null. */
    static String match(String heard, Map<String, List<String>> choices) {
        if (heard == null) {
            return null;
        }
        String spoken = " " + normalize(heard) + " ";
        for (Map.Entry<String, List<String>> choice : choices.entrySet()) {
            for (String words : choice.getValue()) {
                String wanted = normalize(words);
                if (!wanted.isEmpty() && spoken.contains(" " + wanted + " ")) {
                    return choice.getKey();
                }
            }
        }
        return null;
    }

    private static String normalize(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
    }
}

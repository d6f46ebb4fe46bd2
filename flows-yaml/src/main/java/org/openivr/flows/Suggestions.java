package org.openivr.flows;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "did you mean 'x'?": the closest known name by edit distance, when it is close enough to be a typo. */
final class Suggestions {
    private Suggestions() {}

    /** The closest candidate to {@code typed}, if any is close enough; ties go to the earliest candidate. */
    static Optional<String> closest(String typed, Collection<String> candidates) {
        if (typed == null || typed.isEmpty()) {
            return Optional.empty();
        }
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            if (candidate.equals(typed)) {
                continue;
            }
            int score = score(typed.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (score < bestScore) {
                best = candidate;
                bestScore = score;
            }
        }
        return bestScore <= allowance(typed) ? Optional.of(best) : Optional.empty();
    }

    /** " (did you mean 'x'?)" or "". */
    static String didYouMean(String typed, Collection<String> candidates) {
        return closest(typed, candidates).map(s -> " (did you mean '" + s + "'?)").orElse("");
    }

    /** How many edits still look like a typo rather than a different word. */
    private static int allowance(String typed) {
        int length = typed.length();
        return length <= 3 ? 1 : length <= 6 ? 2 : 3;
    }

    /**
     * The Levenshtein distance, or, when the candidate is longer, the distance to its closest prefix
     * plus one: {@code bilingq} is a typo for the start of {@code billing-queue}.
     */
    static int score(String typed, String candidate) {
        int[] previous = new int[candidate.length() + 1];
        int[] current = new int[candidate.length() + 1];
        for (int j = 0; j <= candidate.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= typed.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= candidate.length(); j++) {
                int substitution = previous[j - 1] + (typed.charAt(i - 1) == candidate.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        int full = previous[candidate.length()];
        int prefix = Integer.MAX_VALUE;
        for (int j = 1; j < candidate.length(); j++) {
            prefix = Math.min(prefix, previous[j] + 1);
        }
        return Math.min(full, prefix);
    }
}

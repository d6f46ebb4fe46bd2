package org.openivr.flows;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as analysts write them: {@code 500ms}, {@code 5s}, {@code 2m}. */
final class Durations {
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m)");

    private Durations() {}

    /** The duration, or null when the text is not one. */
    static Duration parse(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }

    /** How a duration reads in a message: whole minutes from 10 minutes up as {@code 11m}, whole seconds as {@code 5s}, else milliseconds. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis >= 600_000 && millis % 60_000 == 0) {
            return duration.toMinutes() + "m";
        }
        return millis % 1000 == 0 ? duration.toSeconds() + "s" : millis + "ms";
    }
}

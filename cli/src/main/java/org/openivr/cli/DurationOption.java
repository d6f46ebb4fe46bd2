package org.openivr.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A command-line duration: a whole number and a unit, {@code 500ms}, {@code 30s}, {@code 3m} or {@code 24h}. */
public final class DurationOption {
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h)");

    private DurationOption() {
    }

    /**
     * {@code duration} as it would be given, in the largest unit that states it whole: {@code 24h}, {@code 1m},
     * {@code 0ms}.
     */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis != 0 && millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis != 0 && millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return millis != 0 && millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /** @param option the option's name, for the error */
    static Duration parse(String option, String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new UsageException(option + " needs a duration such as 500ms, 30s, 3m or 24h, not '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }
}

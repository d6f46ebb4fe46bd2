package org.openivr.flows;

import java.time.Duration;

/** The flow-wide {@code defaults:} block, with the language's own defaults filled in. */
public record Defaults(Duration timeout, int attempts, String onError) {
    public static final Defaults STANDARD = new Defaults(Duration.ofSeconds(5), 3, null);
}

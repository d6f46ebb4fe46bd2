package org.openivr.workflows.interpreter;

import java.time.Duration;

/** How long a wait can legitimately take, and why: what operators' stuck-call rule allows it (plus a slack). */
record Expected(Duration duration, String basis) {
    /** ACS reports these within seconds: a prompt finishing, keys sent, streaming started. */
    static final Expected PROMPT_OR_REQUEST = new Expected(Duration.ZERO, "ACS answers in seconds");
    /** A called number or transfer target rings before anyone answers. */
    static final Expected RINGING = new Expected(Duration.ofSeconds(90), "rings");
    static final Expected HANG_UP = new Expected(Duration.ofSeconds(10), "hang-up");

    static Expected keys(Duration timeout, int maxKeys, Duration interDigit) {
        return new Expected(timeout.plus(interDigit.multipliedBy(Math.max(1, maxKeys))),
                "key timeout " + seconds(timeout) + " + " + maxKeys + (maxKeys == 1 ? " key" : " keys") + " x "
                        + seconds(interDigit));
    }

    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}

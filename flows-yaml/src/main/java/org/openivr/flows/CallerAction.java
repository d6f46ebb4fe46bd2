package org.openivr.flows;

import java.time.Duration;

/** One step of a scripted caller in a {@code *.calls.yaml} file. */
public sealed interface CallerAction permits CallerAction.Press, CallerAction.Say, CallerAction.Interrupt,
        CallerAction.Silence, CallerAction.Noise, CallerAction.HangUp {
    /** Keys pressed, e.g. {@code "12345678#"}; waits until the call listens for keys. */
    record Press(String keys) implements CallerAction {}

    /** Words said when it is the caller's turn: nothing plays to them, and their audio reaches the platform. */
    record Say(String text) implements CallerAction {}

    /** Words said over a prompt, about a second after it starts: a barge-in. */
    record Interrupt(String text) implements CallerAction {}

    record Silence(Duration duration) implements CallerAction {}

    /**
     * Background noise on the caller's line from now on.
     *
     * @param dbfs its level, dBFS RMS (at most 0), or null for none ({@code noise: off})
     */
    record Noise(Double dbfs) implements CallerAction {}

    record HangUp() implements CallerAction {}
}

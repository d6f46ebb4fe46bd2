package org.openivr.flows;

import java.time.Duration;

/** One step of a scripted caller in a {@code *.calls.yaml} file. */
public sealed interface CallerAction permits CallerAction.Press, CallerAction.Say, CallerAction.Silence, CallerAction.HangUp {
    /** Keys pressed, e.g. {@code "12345678#"}; waits until the call listens for keys. */
    record Press(String keys) implements CallerAction {}

    record Say(String text) implements CallerAction {}

    record Silence(Duration duration) implements CallerAction {}

    record HangUp() implements CallerAction {}
}

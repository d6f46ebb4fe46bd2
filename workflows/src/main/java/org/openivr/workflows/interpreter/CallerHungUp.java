package org.openivr.workflows.interpreter;

/** Unwinds the interpreter when the caller leaves mid-node; the call then ends as hungup-by-caller. */
final class CallerHungUp extends RuntimeException {
    CallerHungUp() {
        super("caller hung up", null, false, false);
    }
}

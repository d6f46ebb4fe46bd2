package org.openivr.workflows.interpreter;

/** Unwinds the interpreter when an operator ends the call; the call is then hung up cleanly. */
final class OperatorHangsUp extends RuntimeException {
    OperatorHangsUp() {
        super("operator hangs up", null, false, false);
    }
}

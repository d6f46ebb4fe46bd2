package org.openivr.workflows.interpreter;

/** The flow cannot go on (a failure with nowhere to go); the call is ended cleanly with this reason. */
final class FlowFailure extends RuntimeException {
    FlowFailure(String message) {
        super(message, null, false, false);
    }
}

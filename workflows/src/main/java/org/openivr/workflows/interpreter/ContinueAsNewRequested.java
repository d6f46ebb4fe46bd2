package org.openivr.workflows.interpreter;

/** Unwinds the walker between two nodes of the main flow when Temporal suggests a fresh run. */
final class ContinueAsNewRequested extends RuntimeException {
    final String target;

    ContinueAsNewRequested(String target) {
        super("continue as new at " + target, null, false, false);
        this.target = target;
    }
}

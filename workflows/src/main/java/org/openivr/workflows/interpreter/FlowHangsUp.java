package org.openivr.workflows.interpreter;

/** Unwinds nested subflows when any of them goes to the reserved target {@code hangup}. */
final class FlowHangsUp extends RuntimeException {
    FlowHangsUp() {
        super("flow hangs up", null, false, false);
    }
}

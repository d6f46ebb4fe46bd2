package org.openivr.workflows.interpreter;

/** Unwinds the interpreter once ACS accepted a transfer: the caller has left this flow. */
final class CallTransferred extends RuntimeException {
    CallTransferred(String target) {
        super("transferred to " + target, null, false, false);
    }
}

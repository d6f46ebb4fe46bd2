package org.openivr.workflows.interpreter;

import org.openivr.workflows.CallEvent;

/** What ended a wait for an ACS operation: its event, or the guard timer when ACS never answered. */
sealed interface WaitResult {
    record Arrived(CallEvent event) implements WaitResult {}

    record TimedOut() implements WaitResult {}
}

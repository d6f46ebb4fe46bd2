package org.openivr.cli;

import java.util.List;
import org.openivr.flows.ScriptedCall;
import org.openivr.workflows.CallResult;

/**
 * One scripted call as it ran.
 *
 * @param result   how the call ended, or null when it never finished
 * @param problems every way the call missed its {@code expect}; empty when it passed
 */
public record CallRun(String flow, ScriptedCall call, String callId, CallResult result, List<String> problems) {
    public boolean passed() {
        return problems.isEmpty();
    }

    public String label() {
        return flow + " / " + call.name();
    }
}

package org.openivr.workflows.interpreter;

import org.openivr.workflows.ContinuousDtmf;
import org.openivr.workflows.OperationContext;

/** Turns continuous key recognition on or off for the caller; returns null or why it failed. */
final class ContinuousKeys {
    private ContinuousKeys() {}

    static String set(CallSession session, String nodeId, boolean on) {
        if (session.continuousKeys() == on) {
            return null;
        }
        OperationContext op = session.beginOperation(nodeId);
        ContinuousDtmf request = new ContinuousDtmf(session.callConnectionId(), session.input.callerRawId(), op.format());
        String failure = OperationWait.call(session, on ? "key recognition" : "stopping key recognition", () -> {
            if (on) {
                session.acs.media.startContinuousDtmf(request);
            } else {
                session.acs.media.stopContinuousDtmf(request);
            }
        });
        if (failure == null) {
            session.setContinuousKeys(on);
            session.record("keys-" + (on ? "on" : "off"), nodeId, "continuous key recognition " + (on ? "on" : "off"));
        }
        return failure;
    }
}

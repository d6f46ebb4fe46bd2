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
        if (on) {
            // Tones can arrive before the start returns; they must not be dropped as "recognition off".
            session.setContinuousKeys(true);
        }
        ContinuousDtmf request = new ContinuousDtmf(session.callConnectionId(), session.input.callerRawId(), op.format());
        String failure = OperationWait.call(session, on ? "key recognition" : "stopping key recognition", () -> {
            if (on) {
                session.acs.media.startContinuousDtmf(request);
            } else {
                session.acs.media.stopContinuousDtmf(request);
            }
        });
        session.setContinuousKeys(failure == null ? on : !on);
        if (failure == null) {
            session.record("keys-" + (on ? "on" : "off"), nodeId, "continuous key recognition " + (on ? "on" : "off"));
        }
        return failure;
    }
}

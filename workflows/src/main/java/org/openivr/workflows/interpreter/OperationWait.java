package org.openivr.workflows.interpreter;

import io.temporal.failure.ActivityFailure;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;
import org.openivr.workflows.CallEvent;
import org.openivr.workflows.CallEventKind;
import org.openivr.workflows.OperationContext;

/**
 * The shape most ACS operations share: start it with an activity, then wait for its success or
 * failure event. Returns null on success, else a reason fit for the timeline.
 */
final class OperationWait {
    private OperationWait() {}

    static String run(CallSession session, String nodeId, String what, Duration guard, Expected expected,
                      Set<CallEventKind> success, Consumer<OperationContext> start) {
        OperationContext op = session.beginOperation(nodeId);
        try {
            start.accept(op);
        } catch (ActivityFailure e) {
            session.throwIfHungUp(e);
            return "ACS refused " + what + ": " + Failures.message(e);
        }
        WaitResult result = session.awaitOperation(op, what + " result for '" + nodeId + "'", guard, expected);
        if (result instanceof WaitResult.Arrived arrived) {
            CallEvent event = arrived.event();
            if (success.contains(event.kind())) {
                return null;
            }
            return event.shortType() + " " + event.code() + "/" + event.subCode()
                    + (event.message() == null ? "" : " " + event.message());
        }
        return "ACS never reported the result of " + what;
    }

    /** For operations with no success event: the activity's return is the result. */
    static String call(CallSession session, String what, Runnable start) {
        try {
            start.run();
            return null;
        } catch (ActivityFailure e) {
            session.throwIfHungUp(e);
            return "ACS refused " + what + ": " + Failures.message(e);
        }
    }
}

package org.openivr.workflows.interpreter;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import org.openivr.flows.Node;

/** The {@code failed} outcome: the node's own mapping, else {@code defaults.onError}, else a fallback. */
final class Failures {
    private Failures() {}

    /**
     * @param fallback where to go when the flow maps no failure (null: end the call)
     */
    static Outcome route(Node node, CallSession session, String reason, String fallback) {
        session.record("failed", node.id(), reason);
        // The error handler itself failing must not send the call back into the error handler.
        String own = node.on().get("failed");
        String onError = node.id().equals(session.flow().defaults().onError()) ? null : session.flow().defaults().onError();
        String target = own != null ? own : onError != null ? onError : fallback;
        if (target == null) {
            throw new FlowFailure("node '" + node.id() + "' failed with no failure exit: " + reason);
        }
        return Outcome.to(target, "failed");
    }

    static String message(ActivityFailure failure) {
        Throwable cause = failure.getCause();
        if (cause instanceof ApplicationFailure app) {
            return app.getOriginalMessage();
        }
        return cause == null ? failure.getMessage() : cause.getMessage();
    }
}

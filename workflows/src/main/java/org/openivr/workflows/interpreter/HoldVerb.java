package org.openivr.workflows.interpreter;

import java.util.List;
import org.openivr.flows.ExpressionException;
import org.openivr.flows.Node;
import org.openivr.workflows.HoldCaller;
import org.openivr.workflows.PlaySource;

/** {@code hold}: puts the caller on hold, with music if given; the flow goes on (to a wait, a transfer ...). */
final class HoldVerb implements NodeVerb<Node.Hold> {
    @Override
    public Outcome run(Node.Hold node, CallSession session) {
        List<PlaySource> music;
        try {
            music = PromptRenderer.render(node.music(), session.flow(), session.evaluator(), session.evaluationContext());
        } catch (ExpressionException e) {
            return Failures.route(node, session, "music could not be filled in: " + e.getMessage(), null);
        }
        String op = session.beginOperation(node.id()).format();
        session.record("hold", node.id(), music.isEmpty() ? "caller on hold" : "caller on hold with " + PromptRenderer.describe(music));
        String failure = OperationWait.call(session, "hold",
                () -> session.acs.media.hold(new HoldCaller(session.callConnectionId(), session.input.callerRawId(), music, op)));
        return failure == null ? Outcome.to(node.next(), "next") : Failures.route(node, session, failure, null);
    }
}

package org.openivr.workflows.interpreter;

import org.openivr.flows.Node;
import org.openivr.workflows.UnholdCaller;

/** {@code unhold}: takes the caller off hold. */
final class UnholdVerb implements NodeVerb<Node.Unhold> {
    @Override
    public Outcome run(Node.Unhold node, CallSession session) {
        String op = session.beginOperation(node.id()).format();
        session.record("unhold", node.id(), "caller taken off hold");
        String failure = OperationWait.call(session, "unhold",
                () -> session.acs.media.unhold(new UnholdCaller(session.callConnectionId(), session.input.callerRawId(), op)));
        return failure == null ? Outcome.to(node.next(), "next") : Failures.route(node, session, failure, null);
    }
}

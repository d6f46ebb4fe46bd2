package org.openivr.workflows.interpreter;

import java.time.Instant;
import org.openivr.flows.Node;

/** {@code hours}: open or closed, on the call's clock (so a scripted call's {@code at:} picks the branch). */
final class HoursVerb implements NodeVerb<Node.Hours> {
    @Override
    public Outcome run(Node.Hours node, CallSession session) {
        String outcome = node.outcome(Instant.ofEpochMilli(session.nowMillis()));
        return Outcome.to(node.on().get(outcome), outcome);
    }
}

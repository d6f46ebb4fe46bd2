package org.openivr.workflows.interpreter;

import org.openivr.flows.Node;

/** {@code wait}: pauses; an anytime key or the caller hanging up ends it early. */
final class WaitVerb implements NodeVerb<Node.Wait> {
    @Override
    public Outcome run(Node.Wait node, CallSession session) {
        session.setInterruptible(true);
        try {
            session.pause(node.duration());
        } finally {
            session.setInterruptible(false);
        }
        return Outcome.to(node.next(), "next");
    }
}

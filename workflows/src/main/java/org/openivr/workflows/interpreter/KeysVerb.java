package org.openivr.workflows.interpreter;

import org.openivr.flows.Node;

/** {@code keys: on|off}: continuous key recognition, which {@code anytime} keys rely on. */
final class KeysVerb implements NodeVerb<Node.Keys> {
    @Override
    public Outcome run(Node.Keys node, CallSession session) {
        String failure = ContinuousKeys.set(session, node.id(), node.enabled());
        return failure == null ? Outcome.to(node.next(), "next") : Failures.route(node, session, failure, node.next());
    }
}

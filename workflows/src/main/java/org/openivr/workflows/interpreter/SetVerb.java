package org.openivr.workflows.interpreter;

import java.util.Map;
import org.openivr.flows.ExpressionException;
import org.openivr.flows.Node;

/** {@code set}: evaluates each expression in order and assigns it. */
final class SetVerb implements NodeVerb<Node.Set> {

    @Override
    public Outcome run(Node.Set set, CallSession session) {
        for (Map.Entry<String, String> assignment : set.assignments().entrySet()) {
            Object value;
            try {
                value = session.evaluator().assign(assignment.getKey(), assignment.getValue(), session.evaluationContext());
            } catch (ExpressionException e) {
                return Failures.route(set, session, "could not set " + assignment.getKey() + ": " + e.getMessage(), null);
            }
            session.assign(assignment.getKey(), value, false);
            session.record("set", set.id(), assignment.getKey() + " = " + value);
        }
        return Outcome.to(set.next(), "next");
    }
}

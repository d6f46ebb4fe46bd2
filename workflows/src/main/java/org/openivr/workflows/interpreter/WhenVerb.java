package org.openivr.workflows.interpreter;

import org.openivr.flows.ExpressionException;
import org.openivr.flows.Node;

/** {@code when}: the first branch whose condition holds, else {@code else}. */
final class WhenVerb implements NodeVerb<Node.When> {

    @Override
    public Outcome run(Node.When when, CallSession session) {
        for (Node.When.Branch branch : when.branches()) {
            boolean holds;
            try {
                holds = session.evaluator().test(branch.condition(), session.evaluationContext());
            } catch (ExpressionException e) {
                return Failures.route(when, session, "condition '" + branch.condition() + "': " + e.getMessage(), null);
            }
            if (holds) {
                return Outcome.to(branch.target(), "if " + branch.condition());
            }
        }
        return Outcome.to(when.otherwise(), "else");
    }
}

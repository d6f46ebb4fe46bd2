package org.openivr.workflows.interpreter;

import io.temporal.workflow.Workflow;
import org.openivr.flows.Flow;
import org.openivr.flows.Node;
import org.openivr.flows.Targets;

/**
 * Walks one flow's nodes from a start node until it returns (a subflow's {@code return}, or the
 * main flow ending); {@code hangup} anywhere unwinds every level. Sequences the verbs only.
 */
final class FlowWalker {
    /** A flow that runs this many nodes without once waiting for the caller or ACS is looping. */
    static final int MAX_NODES_WITHOUT_WAIT = 1000;
    private final CallSession session;

    FlowWalker(CallSession session) {
        this.session = session;
    }

    void walk(String start) {
        String target = start;
        int nodesWithoutWait = 0;
        while (true) {
            session.throwIfHungUp();
            if (Targets.RETURN.equals(target)) {
                return;
            }
            if (Targets.HANGUP.equals(target)) {
                throw new FlowHangsUp();
            }
            // Long calls move to a fresh run before their history grows past what Temporal handles well.
            // Only between nodes of the main flow: a subflow's return point is not part of the carried state.
            if (session.inMainFlow() && Workflow.getInfo().isContinueAsNewSuggested()) {
                throw new ContinueAsNewRequested(target);
            }
            Node node = session.flow().node(target);
            session.enter(node.id());
            if (node instanceof Node.Hangup) {
                throw new FlowHangsUp();
            }
            int waitsBefore = session.waitCount();
            Outcome outcome;
            session.setSensitiveNode(node.sensitive());
            try {
                outcome = SensitiveRecording.around(node, session, () -> dispatch(node));
            } catch (AnytimeJump jump) {
                MediaCancel.run(session);
                outcome = Outcome.to(jump.target, "anytime key " + jump.key);
            } finally {
                session.setSensitiveNode(false);
            }
            session.record("outcome", session.pathName(node.id()), outcome.label() + " -> " + outcome.target());
            nodesWithoutWait = session.waitCount() == waitsBefore ? nodesWithoutWait + 1 : 0;
            if (nodesWithoutWait >= MAX_NODES_WITHOUT_WAIT) {
                throw new FlowFailure("flow ran " + MAX_NODES_WITHOUT_WAIT
                        + " nodes without waiting for the caller; it loops at '" + node.id() + "'");
            }
            target = outcome.target();
        }
    }

    private Outcome dispatch(Node node) {
        if (node instanceof Node.Play play) {
            return new PlayVerb().run(play, session);
        } else if (node instanceof Node.Menu menu) {
            return new MenuVerb().run(menu, session);
        } else if (node instanceof Node.Ask ask) {
            return new AskVerb().run(ask, session);
        } else if (node instanceof Node.Set set) {
            return new SetVerb().run(set, session);
        } else if (node instanceof Node.When when) {
            return new WhenVerb().run(when, session);
        } else if (node instanceof Node.SendDtmf send) {
            return new SendDtmfVerb().run(send, session);
        } else if (node instanceof Node.Keys keys) {
            return new KeysVerb().run(keys, session);
        } else if (node instanceof Node.Hold hold) {
            return new HoldVerb().run(hold, session);
        } else if (node instanceof Node.Unhold unhold) {
            return new UnholdVerb().run(unhold, session);
        } else if (node instanceof Node.Transfer transfer) {
            return new TransferVerb().run(transfer, session);
        } else if (node instanceof Node.Record record) {
            return new RecordVerb().run(record, session);
        } else if (node instanceof Node.Stream stream) {
            return new StreamVerb().run(stream, session);
        } else if (node instanceof Node.Hours hours) {
            return new HoursVerb().run(hours, session);
        } else if (node instanceof Node.Wait wait) {
            return new WaitVerb().run(wait, session);
        } else if (node instanceof Node.Subflow subflow) {
            return runSubflow(subflow);
        } else if (node instanceof Node.Listen listen) {
            return new ListenVerb().run(listen, session);
        }
        throw new FlowFailure("node '" + node.id() + "' uses a verb this version cannot run yet");
    }

    /** {@code subflow}: runs the other flow with the same variables and comes back on its {@code return}. */
    private Outcome runSubflow(Node.Subflow node) {
        Flow subflow = session.subflow(node.flow());
        session.record("subflow", node.id(), "enters " + subflow.name());
        session.enterSubflow(subflow);
        try {
            walk(subflow.start());
        } finally {
            session.leaveSubflow();
        }
        return Outcome.to(node.next(), "returned from " + subflow.name());
    }
}

package org.openivr.workflows.interpreter;

import io.temporal.failure.ActivityFailure;
import java.time.Duration;
import java.util.List;
import org.openivr.flows.BargeIn;
import org.openivr.flows.ExpressionException;
import org.openivr.flows.Node;
import org.openivr.workflows.CallEventKind;
import org.openivr.workflows.OperationContext;
import org.openivr.workflows.PlayPrompt;
import org.openivr.workflows.PlaySource;

/** {@code play}: speaks its prompt and waits until ACS says it finished. */
final class PlayVerb implements NodeVerb<Node.Play> {
    /** ACS reports PlayCompleted when the prompt ends; no real prompt lasts this long. */
    static final Duration GUARD = Duration.ofMinutes(5);

    @Override
    public Outcome run(Node.Play node, CallSession session) {
        // An anytime key may cut a prompt short unless the analyst said the prompt must be heard whole.
        session.setInterruptible(node.bargeIn() != BargeIn.NONE);
        session.setBargeInOnSpeech(node.bargeIn() == BargeIn.SPEECH);
        String failure;
        try {
            failure = play(node.id(), node.prompt(), session);
        } catch (SpeechInterrupt spoke) {
            MediaCancel.run(session);
            session.record("barge-in", node.id(), "caller spoke over the prompt");
            return Outcome.to(node.next(), "caller spoke");
        } finally {
            session.setInterruptible(false);
            session.setBargeInOnSpeech(false);
        }
        if (failure == null) {
            return Outcome.to(node.next(), "next");
        }
        return Failures.route(node, session, failure, node.next());
    }

    /** Plays and waits; returns null on success or a reason on failure. */
    static String play(String nodeId, List<org.openivr.flows.Prompt> prompt, CallSession session) {
        List<PlaySource> sources;
        try {
            sources = PromptRenderer.render(prompt, session.flow(), session.evaluator(), session.evaluationContext());
        } catch (ExpressionException e) {
            return "prompt could not be filled in: " + e.getMessage();
        }
        OperationContext op = session.beginOperation(nodeId);
        session.record("prompt", nodeId, PromptRenderer.describe(sources));
        try {
            PlayPrompt request = new PlayPrompt(session.callConnectionId(), sources, op.format());
            MediaSteps.send(session, op, "play", (acs, bargeIn) -> acs.play(bargeIn ? request.bargingIn() : request));
        } catch (ActivityFailure e) {
            session.throwIfHungUp(e);
            return "ACS refused to play: " + Failures.message(e);
        }
        WaitResult result = session.awaitOperation(op, "PlayCompleted for '" + nodeId + "'", GUARD,
                Expected.PROMPT_OR_REQUEST);
        if (result instanceof WaitResult.Arrived arrived) {
            if (arrived.event().kind() == CallEventKind.PLAY_COMPLETED) {
                return null;
            }
            return arrived.event().shortType() + " " + arrived.event().code() + "/" + arrived.event().subCode()
                    + " " + arrived.event().message();
        }
        return "ACS never reported the end of the prompt";
    }
}

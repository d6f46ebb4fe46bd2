package org.openivr.workflows.interpreter;

import java.time.Duration;
import java.util.Set;
import org.openivr.flows.Node;
import org.openivr.workflows.CallEventKind;
import org.openivr.workflows.SendDtmf;

/** {@code sendDtmf}: sends keys to a participant (an extension to a downstream IVR, say). */
final class SendDtmfVerb implements NodeVerb<Node.SendDtmf> {
    @Override
    public Outcome run(Node.SendDtmf node, CallSession session) {
        String target = node.to() != null ? node.to() : session.input.callerRawId();
        session.record("send-keys", node.id(), String.join("", node.tones()) + " to " + target);
        String failure = OperationWait.run(session, node.id(), "sending keys", Duration.ofMinutes(1),
                Expected.PROMPT_OR_REQUEST,
                Set.of(CallEventKind.SEND_DTMF_COMPLETED),
                op -> session.acs.media.sendDtmf(new SendDtmf(session.input.callId(), session.callConnectionId(),
                        node.tones(), target, op.format())));
        return failure == null ? Outcome.to(node.next(), "next") : Failures.route(node, session, failure, null);
    }
}

package org.openivr.workflows.interpreter;

import java.time.Duration;
import java.util.Set;
import org.openivr.flows.Node;
import org.openivr.workflows.CallEventKind;
import org.openivr.workflows.TransferCall;

/** {@code transfer}: hands the caller to a number or a user; once ACS accepts, the caller has left the flow. */
final class TransferVerb implements NodeVerb<Node.Transfer> {
    /** A transfer rings the target; ACS reports acceptance or failure well within this. */
    private static final Duration GUARD = Duration.ofMinutes(3);

    @Override
    public Outcome run(Node.Transfer node, CallSession session) {
        session.record("transfer", node.id(), "to " + node.to());
        session.resultMayTrailDisconnect(true);
        String failure;
        try {
            failure = OperationWait.run(session, node.id(), "transfer", GUARD, Expected.RINGING, Set.of(CallEventKind.CALL_TRANSFER_ACCEPTED),
                op -> session.acs.media.transfer(new TransferCall(session.input.callId(), session.callConnectionId(),
                        node.to(), session.input.callerRawId(), op.format())));
        } finally {
            session.resultMayTrailDisconnect(false);
        }
        if (failure == null) {
            // ACS takes our leg down after the transfer; ending on its CallDisconnected keeps the record whole.
            session.awaitDisconnected(Duration.ofSeconds(10));
            throw new CallTransferred(node.to());
        }
        return Failures.route(node, session, failure, null);
    }
}

package org.openivr.workflows.interpreter;

import java.time.Duration;
import java.util.Set;
import org.openivr.flows.Node;
import org.openivr.workflows.CallEventKind;
import org.openivr.workflows.MediaStreamingControl;

/** {@code stream: start|stop}: the call's live audio to the streaming worker. */
final class StreamVerb implements NodeVerb<Node.Stream> {
    @Override
    public Outcome run(Node.Stream node, CallSession session) {
        boolean start = node.action() == Node.Stream.Action.START;
        String failure = OperationWait.run(session, node.id(), start ? "audio streaming" : "stopping audio streaming",
                Duration.ofMinutes(1), Expected.PROMPT_OR_REQUEST,
                Set.of(start ? CallEventKind.MEDIA_STREAMING_STARTED : CallEventKind.MEDIA_STREAMING_STOPPED),
                op -> {
                    MediaStreamingControl request = new MediaStreamingControl(session.callConnectionId(), op.format());
                    if (start) {
                        session.acs.media.startMediaStreaming(request);
                    } else {
                        session.acs.media.stopMediaStreaming(request);
                    }
                });
        if (failure == null) {
            session.record("stream", node.id(), start ? "audio streaming started" : "audio streaming stopped");
            return Outcome.to(node.next(), "next");
        }
        return Failures.route(node, session, failure, null);
    }
}

package org.openivr.workflows.interpreter;

import java.util.function.Supplier;
import org.openivr.flows.Node;
import org.openivr.workflows.RecordingControl;

/**
 * A sensitive node (card numbers, PINs) never ends up in a recording: a running recording is
 * paused for the node and resumed after it, whatever way the node ends while the caller is still there.
 */
final class SensitiveRecording {
    private SensitiveRecording() {}

    static Outcome around(Node node, CallSession session, Supplier<Outcome> body) {
        if (!node.sensitive() || !session.recordingActive()) {
            return body.get();
        }
        String recording = session.recordingId();
        String failure = set(session, node, recording, RecordingControl.Action.PAUSE);
        if (failure != null) {
            // Keys must never be recorded: if the pause failed, the node does not run.
            return Failures.route(node, session, "could not pause the recording: " + failure, null);
        }
        try {
            return body.get();
        } finally {
            if (!session.disconnected()) {
                set(session, node, recording, RecordingControl.Action.RESUME);
            }
        }
    }

    private static String set(CallSession session, Node node, String recording, RecordingControl.Action action) {
        String failure = OperationWait.call(session, action.name().toLowerCase() + " recording",
                () -> session.acs.media.controlRecording(new RecordingControl(recording, action)));
        if (failure != null) {
            session.record("failed", node.id(), failure);
            return failure;
        }
        session.recordingPaused(action == RecordingControl.Action.PAUSE);
        session.record("record", node.id(), action == RecordingControl.Action.PAUSE
                ? "recording paused for sensitive input" : "recording resumed");
        return null;
    }
}

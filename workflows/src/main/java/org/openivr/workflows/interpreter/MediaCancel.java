package org.openivr.workflows.interpreter;

import org.openivr.workflows.CancelMedia;

/** Stops the prompt or recognize still running in ACS when the caller cut the node short. */
final class MediaCancel {
    private MediaCancel() {}

    static void run(CallSession session) {
        OperationWait.call(session, "cancelling the prompt",
                () -> session.acs.media.cancelMedia(new CancelMedia(session.callConnectionId())));
    }
}

package org.openivr.workflows;

import java.util.List;

/**
 * Play to everyone on the call; the result arrives as PlayCompleted/PlayFailed with this operation context.
 *
 * @param interruptCallMediaOperation barge in: cancel whatever play or recognize ACS is running or has queued for the
 *                                    call (each reports itself canceled) and start at once. The call sends a step
 *                                    again this way when its first try may have run in ACS (see {@code MediaSteps})
 */
public record PlayPrompt(String callConnectionId, List<PlaySource> sources, String operationContext,
                         boolean interruptCallMediaOperation) {

    /** Queued behind what ACS is already playing or recognizing. */
    public PlayPrompt(String callConnectionId, List<PlaySource> sources, String operationContext) {
        this(callConnectionId, sources, operationContext, false);
    }

    /** This request, barging in. */
    public PlayPrompt bargingIn() {
        return new PlayPrompt(callConnectionId, sources, operationContext, true);
    }
}

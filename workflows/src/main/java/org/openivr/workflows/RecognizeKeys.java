package org.openivr.workflows;

import java.util.List;

/**
 * Collect keys from one participant, optionally playing a prompt first.
 *
 * @param targetRawId           whose keys to listen to (ACS raw id)
 * @param stopKeys              keys that end entry early ({@code #}), may be empty
 * @param initialSilenceSeconds how long to wait for the first key after the prompt
 * @param interToneSeconds      how long to wait between keys
 * @param interruptPrompt       whether the first key stops the prompt
 * @param interruptCallMediaOperation barge in: cancel whatever play or recognize ACS is running or has queued for the
 *                              call (each reports itself canceled) and start at once; used when the call sends a step
 *                              again because its first try may have run in ACS (see {@code MediaSteps})
 */
public record RecognizeKeys(String callConnectionId, String targetRawId, List<PlaySource> prompt, int maxTones,
                            List<String> stopKeys, int initialSilenceSeconds, int interToneSeconds,
                            boolean interruptPrompt, String operationContext, boolean interruptCallMediaOperation) {

    /** Queued behind what ACS is already playing or recognizing. */
    public RecognizeKeys(String callConnectionId, String targetRawId, List<PlaySource> prompt, int maxTones,
                         List<String> stopKeys, int initialSilenceSeconds, int interToneSeconds,
                         boolean interruptPrompt, String operationContext) {
        this(callConnectionId, targetRawId, prompt, maxTones, stopKeys, initialSilenceSeconds, interToneSeconds,
                interruptPrompt, operationContext, false);
    }

    /** This request, barging in. */
    public RecognizeKeys bargingIn() {
        return new RecognizeKeys(callConnectionId, targetRawId, prompt, maxTones, stopKeys, initialSilenceSeconds,
                interToneSeconds, interruptPrompt, operationContext, true);
    }
}

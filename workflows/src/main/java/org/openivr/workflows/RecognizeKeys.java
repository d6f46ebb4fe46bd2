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
 */
public record RecognizeKeys(String callConnectionId, String targetRawId, List<PlaySource> prompt, int maxTones,
                            List<String> stopKeys, int initialSilenceSeconds, int interToneSeconds,
                            boolean interruptPrompt, String operationContext) {}

package org.openivr.workflows;

import java.util.List;

/**
 * Send keys to a PSTN participant (at most 18). {@code callId} and {@code operationContext} together
 * name the step, from which the activity derives its {@code Repeatability-Request-ID}.
 *
 * @param tones keys as characters {@code 0-9 * # A-D}
 */
public record SendDtmf(String callId, String callConnectionId, List<String> tones, String targetRawId,
                       String operationContext) {}

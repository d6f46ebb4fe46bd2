package org.openivr.workflows;

/**
 * Dial out. {@code callId} names the callback URI and, with {@code operationContext}, the
 * repeatability id, so a retried activity never dials twice.
 *
 * @param streaming media-streaming options when the flow listens to the call's audio, else null
 */
public record CreateCall(String callId, Outbound outbound, String operationContext, StreamingOptions streaming) {}

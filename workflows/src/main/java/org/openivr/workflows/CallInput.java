package org.openivr.workflows;

/**
 * What a call workflow starts with.
 *
 * @param callId              the workflow id; also names the callback URI
 * @param incomingCallContext the opaque token from IncomingCall, handed back on answer
 * @param callerRawId         who called, as an ACS raw id ({@code 4:+14255550123})
 * @param calledRawId         the number or user that was called
 * @param clockStartMillis    the call's clock at start (epoch millis) for scripted calls; null = real time
 */
public record CallInput(String callId, String incomingCallContext, String callerRawId, String calledRawId,
                        PinnedFlow flow, Long clockStartMillis) {}

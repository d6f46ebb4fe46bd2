package org.openivr.workflows;

/**
 * What a call workflow starts with.
 *
 * @param callId              the workflow id; also names the callback URI
 * @param incomingCallContext the opaque token from IncomingCall, handed back on answer
 * @param callerRawId         the person the flow talks to, as an ACS raw id ({@code 4:+14255550123}): who called,
 *                            or for an outbound call who was called
 * @param calledRawId         the number or user that was called
 * @param clockStartMillis    the call's clock at start (epoch millis) for scripted calls; null = real time
 * @param outbound            for a call the platform places, what to dial; null for an incoming call
 * @param variables           starting values that replace the flow's declared ones (already checked against
 *                            the declarations by whoever starts the call); empty for none
 */
public record CallInput(String callId, String incomingCallContext, String callerRawId, String calledRawId,
                        PinnedFlow flow, Long clockStartMillis, Outbound outbound, java.util.Map<String, Object> variables) {

    public CallInput {
        variables = variables == null ? java.util.Map.of() : java.util.Map.copyOf(variables);
    }

    public CallInput(String callId, String incomingCallContext, String callerRawId, String calledRawId,
                     PinnedFlow flow, Long clockStartMillis, Outbound outbound) {
        this(callId, incomingCallContext, callerRawId, calledRawId, flow, clockStartMillis, outbound, null);
    }

    /** An incoming call. */
    public CallInput(String callId, String incomingCallContext, String callerRawId, String calledRawId,
                     PinnedFlow flow, Long clockStartMillis) {
        this(callId, incomingCallContext, callerRawId, calledRawId, flow, clockStartMillis, null, null);
    }
}

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
 * @param resume              set by continue-as-new: where the call goes on; null for a new call
 */
public record CallInput(String callId, String incomingCallContext, String callerRawId, String calledRawId,
                        PinnedFlow flow, Long clockStartMillis, Outbound outbound, java.util.Map<String, Object> variables,
                        CallResume resume) {

    public CallInput {
        variables = variables == null ? java.util.Map.of() : java.util.Map.copyOf(variables);
    }

    public CallInput(String callId, String incomingCallContext, String callerRawId, String calledRawId,
                     PinnedFlow flow, Long clockStartMillis, Outbound outbound, java.util.Map<String, Object> variables) {
        this(callId, incomingCallContext, callerRawId, calledRawId, flow, clockStartMillis, outbound, variables, null);
    }

    public CallInput(String callId, String incomingCallContext, String callerRawId, String calledRawId,
                     PinnedFlow flow, Long clockStartMillis, Outbound outbound) {
        this(callId, incomingCallContext, callerRawId, calledRawId, flow, clockStartMillis, outbound, null, null);
    }

    /** The same call, going on in a new run from {@code resume}, its clock where the last run left it. */
    public CallInput continuing(CallResume resume, Long clockNowMillis) {
        return new CallInput(callId, incomingCallContext, callerRawId, calledRawId, flow, clockNowMillis, outbound,
                variables, resume);
    }

    /** An incoming call. */
    public CallInput(String callId, String incomingCallContext, String callerRawId, String calledRawId,
                     PinnedFlow flow, Long clockStartMillis) {
        this(callId, incomingCallContext, callerRawId, calledRawId, flow, clockStartMillis, null, null, null);
    }
}

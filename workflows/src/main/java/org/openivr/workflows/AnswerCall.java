package org.openivr.workflows;

/**
 * Answer an incoming call; the activity builds the callback URI from {@code callId}.
 *
 * @param streaming media-streaming options when the flow listens to the call's audio, else null
 */
public record AnswerCall(String callId, String incomingCallContext, String operationContext, StreamingOptions streaming) {

    public AnswerCall(String callId, String incomingCallContext, String operationContext) {
        this(callId, incomingCallContext, operationContext, null);
    }
}

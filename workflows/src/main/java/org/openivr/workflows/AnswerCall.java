package org.openivr.workflows;

/** Answer an incoming call; the activity builds the callback URI from {@code callId}. */
public record AnswerCall(String callId, String incomingCallContext, String operationContext) {}

package org.openivr.workflows;

public record AnsweredCall(String callConnectionId, String serverCallId, String correlationId) {}

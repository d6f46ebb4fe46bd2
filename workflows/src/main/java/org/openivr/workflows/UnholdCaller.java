package org.openivr.workflows;

/** Take a participant off hold. */
public record UnholdCaller(String callConnectionId, String targetRawId, String operationContext) {}

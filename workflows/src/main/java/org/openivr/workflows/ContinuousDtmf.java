package org.openivr.workflows;

/** Start or stop continuous key recognition on one participant. */
public record ContinuousDtmf(String callConnectionId, String targetRawId, String operationContext) {}

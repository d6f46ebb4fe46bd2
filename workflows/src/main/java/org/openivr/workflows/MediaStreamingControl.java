package org.openivr.workflows;

/** Start or stop streaming the call's audio (the call must have been answered with streaming options). */
public record MediaStreamingControl(String callConnectionId, String operationContext) {}

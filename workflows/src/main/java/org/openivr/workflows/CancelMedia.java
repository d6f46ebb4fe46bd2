package org.openivr.workflows;

/** Stop every play and recognize running or queued on the call. */
public record CancelMedia(String callConnectionId) {}

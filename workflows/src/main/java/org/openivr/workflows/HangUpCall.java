package org.openivr.workflows;

/** End the call; {@code forEveryone} terminates it for all participants. */
public record HangUpCall(String callConnectionId, boolean forEveryone) {}

package org.openivr.workflows;

/**
 * What an outbound call dials.
 *
 * @param targetRawId  who to call: {@code 4:+14255550123} or an ACS user {@code 8:acs:...}
 * @param callerIdPhone the number shown to the callee (E.164), one of the ACS resource's numbers
 */
public record Outbound(String targetRawId, String callerIdPhone) {}

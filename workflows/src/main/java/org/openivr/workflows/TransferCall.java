package org.openivr.workflows;

/**
 * Transfer the caller to a phone number ({@code 4:+14255550100}) or an ACS user ({@code 8:acs:...}).
 * {@code callId} and {@code operationContext} name the step for the repeatability id.
 *
 * @param transfereeRawId the participant being transferred (the caller)
 */
public record TransferCall(String callId, String callConnectionId, String targetRawId, String transfereeRawId,
                           String operationContext) {}

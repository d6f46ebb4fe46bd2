package org.openivr.emulator;

/**
 * A snapshot of one emulated call.
 *
 * @param callConnectionId {@code null} until the call is answered
 * @param state            {@code ringing}, {@code connected} or {@code disconnected}
 * @param disconnectedBy   {@code caller}, {@code app}, {@code transfer} (the app transferred the caller away),
 *                         {@code callee} (an outbound call that was busy, declined or not answered), or {@code null}
 *                         while the call is up
 */
public record EmulatedCallView(
    String correlationId, String callConnectionId, String serverCallId, String state, String disconnectedBy) {}

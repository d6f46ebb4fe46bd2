package org.openivr.emulator;

import java.time.Instant;

/**
 * One operation the emulator executed (replays of a {@code Repeatability-Request-ID} and requests
 * that failed authentication are not executed, so they are not here).
 *
 * @param callConnectionId the call it acted on; {@code null} when there was none (e.g. an answer
 *                         that was refused)
 * @param operation        {@code answer}, {@code play}, {@code recognize}, {@code hangUp},
 *                         {@code terminate}, {@code getCall}, {@code cancelAllMediaOperations}
 * @param requestBody      the body as received (UTF-8), empty when there was none
 * @param status           the HTTP status the emulator answered with
 */
public record LedgerEntry(
    Instant at, String callConnectionId, String operation, String repeatabilityRequestId, String requestBody, int status) {}

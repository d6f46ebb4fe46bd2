package org.openivr.worker.media;

/**
 * Checks the {@code Authorization: Bearer <JWT>} ACS sends on the WebSocket upgrade (acs-wire §5.1, §7.2).
 *
 * <p><b>Hook:</b> the default, {@link WellFormedJwt}, only checks that the token is a well-formed, unexpired JWT.
 * Full verification (RS256 signature against the keys at
 * {@code https://acscallautomation.communication.azure.com/calling/keys}, issuer
 * {@code https://acscallautomation.communication.azure.com}, audience = the ACS resource id) is a separate issue:
 * provide a bean of this type and it replaces the default.
 */
public interface MediaTokenVerifier {

    /**
     * @param authorization the Authorization header, or null when there was none
     * @return null when accepted, else why not
     */
    String reject(String authorization, String callId);
}

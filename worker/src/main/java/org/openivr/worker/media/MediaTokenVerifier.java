package org.openivr.worker.media;

import java.util.Optional;

/**
 * Checks the {@code Authorization: Bearer <JWT>} ACS sends on the WebSocket upgrade (acs-wire 5.1, 7.2). The product's
 * is {@link VerifiedAcsJwt}; a bean of this type replaces it.
 */
public interface MediaTokenVerifier {

    /**
     * @param authorization the Authorization header, or null when there was none
     * @return empty when accepted, else why not
     */
    Optional<HandshakeRefusal> check(String authorization);
}

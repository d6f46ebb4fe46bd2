package org.openivr.worker.media;

import java.util.Optional;
import org.openivr.acsauth.AcsKeysUnavailable;
import org.openivr.acsauth.AcsTokenVerifier;
import org.openivr.acsauth.InvalidAcsToken;
import org.springframework.http.HttpStatus;

/**
 * The JWT ACS puts on a media WebSocket upgrade, verified like a callback's (signature against ACS's published keys,
 * issuer, audience = our resource, lifetime; {@link AcsTokenVerifier}). A header that is present is always verified;
 * a missing one is refused only when {@code required} ({@code ivr.media.require-acs-token}): the URL's own token
 * already binds the socket to its call, and the JWT adds proof that ACS itself connects.
 */
public final class VerifiedAcsJwt implements MediaTokenVerifier {
    private final AcsTokenVerifier verifier;
    private final boolean required;

    public VerifiedAcsJwt(AcsTokenVerifier verifier, boolean required) {
        this.verifier = verifier;
        this.required = required;
    }

    @Override
    public Optional<HandshakeRefusal> check(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return required ? refused("no Authorization header (ivr.media.require-acs-token is on)") : Optional.empty();
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return refused("Authorization is not a Bearer token");
        }
        try {
            verifier.verify(authorization.substring(7).trim());
            return Optional.empty();
        } catch (InvalidAcsToken e) {
            return refused("ACS token not valid: " + e.getMessage());
        } catch (AcsKeysUnavailable e) {
            return Optional.of(new HandshakeRefusal(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
        }
    }

    private static Optional<HandshakeRefusal> refused(String reason) {
        return Optional.of(new HandshakeRefusal(HttpStatus.UNAUTHORIZED, reason));
    }
}

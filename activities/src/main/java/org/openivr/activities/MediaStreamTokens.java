package org.openivr.activities;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token that the media streaming URL we give ACS carries ({@code /ws/media/{callId}?token=...}): HMAC-SHA256 of
 * the call id under a server secret ({@value #PROPERTY}), base64url. The activities issue it; the streaming worker
 * accepts an upgrade only with the token of the call its path names, so a stream cannot be opened for a call by
 * guessing or by reusing another call's URL.
 *
 * <p>Why a token that does not expire: ACS opens the socket whenever streaming starts, which may be long after the
 * call was answered, and reopens it after a drop, all with the URL given at answer; an expiring token would cut a
 * long call's audio. Its exposure is bounded instead: the URL is only accepted while that call's workflow runs (the
 * worker checks), so a URL read later from ACS's logs opens nothing; and when {@code ivr.media.require-acs-token}
 * is on, an upgrade also needs ACS's own signed JWT, which no log holds. The token is deterministic so that a
 * retried answer or create-call sends the same request body.
 */
public final class MediaStreamTokens {
    public static final String PROPERTY = "ivr.media.token-secret";
    static final int MIN_SECRET_LENGTH = 32;
    private static final String ALGORITHM = "HmacSHA256";
    /** Domain separation: the same secret must never produce this MAC for another purpose. */
    private static final byte[] CONTEXT = "openivr media stream v1\n".getBytes(StandardCharsets.UTF_8);

    private final SecretKeySpec key;

    private MediaStreamTokens(byte[] secret) {
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    /** Tokens under a configured secret; a missing or short secret stops the process with what to do. */
    public static MediaStreamTokens fromSecret(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException(PROPERTY + " (IVR_MEDIA_TOKEN_SECRET) is not set: the streaming worker "
                    + "accepts ACS's audio only on URLs that carry a token made with this secret. Set it to at least "
                    + MIN_SECRET_LENGTH + " random characters (e.g. `openssl rand -base64 32`), the same on every "
                    + "worker; `ivr serve` and `ivr demo` make one per run");
        }
        if (secret.strip().length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException(PROPERTY + " is too short: use at least " + MIN_SECRET_LENGTH
                    + " random characters (e.g. `openssl rand -base64 32`)");
        }
        return new MediaStreamTokens(secret.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** The token for one call's media URL (URL-safe as it is). */
    public String issue(String callId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(callId));
    }

    /** Whether {@code token} is this call's; compares in constant time. */
    public boolean accepts(String callId, String token) {
        if (callId == null || token == null || token.isEmpty() || token.length() > 64) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(callId), given);
    }

    private byte[] mac(String callId) {
        Objects.requireNonNull(callId, "callId");
        try {
            // A Mac is not thread-safe and one per handshake or answer costs about a microsecond.
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(CONTEXT);
            return mac.doFinal(callId.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "MediaStreamTokens[HmacSHA256, secret hidden]";
    }
}

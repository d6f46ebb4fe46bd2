package org.openivr.worker.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

/**
 * The default {@link MediaTokenVerifier}: no header is accepted unless {@code required}; a header must be
 * {@code Bearer} plus three base64url parts whose first two are JSON objects, the header naming an {@code alg},
 * and an {@code exp} (when present) in the future. The signature is NOT verified (see {@link MediaTokenVerifier}).
 */
public final class WellFormedJwt implements MediaTokenVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean required;
    private final Clock clock;

    public WellFormedJwt(boolean required, Clock clock) {
        this.required = required;
        this.clock = clock;
    }

    @Override
    public String reject(String authorization, String callId) {
        if (authorization == null || authorization.isBlank()) {
            return required ? "no Authorization header" : null;
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "Authorization is not a Bearer token";
        }
        String[] parts = authorization.substring(7).trim().split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return "bearer token is not a JWT (three dot-separated parts)";
        }
        try {
            JsonNode header = JSON.readTree(decode(parts[0]));
            JsonNode payload = JSON.readTree(decode(parts[1]));
            if (header == null || !header.isObject() || !header.hasNonNull("alg")) {
                return "JWT header is not an object with alg";
            }
            if (payload == null || !payload.isObject()) {
                return "JWT payload is not an object";
            }
            if (payload.has("exp")) {
                if (!payload.get("exp").isNumber()) {
                    return "JWT exp is not a number";
                }
                if (payload.get("exp").asLong() < clock.instant().getEpochSecond()) {
                    return "JWT expired";
                }
            }
            if (!parts[2].isEmpty()) {
                decode(parts[2]);
            }
            return null;
        } catch (IllegalArgumentException | java.io.IOException e) {
            return "JWT is not base64url JSON: " + e.getMessage();
        }
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}

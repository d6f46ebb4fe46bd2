package org.openivr.worker.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WellFormedJwtTest {
    private static final Clock NOW = Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC);

    static String jwt(String header, String payload) {
        Base64.Encoder e = Base64.getUrlEncoder().withoutPadding();
        return e.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + e.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + e.encodeToString(new byte[] {1, 2, 3});
    }

    @Test
    void acceptsAWellFormedUnexpiredTokenAndNoTokenUnlessRequired() {
        String token = jwt("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", "{\"iss\":\"https://acscallautomation.communication.azure.com\",\"exp\":1800000100}");
        assertThat(new WellFormedJwt(false, NOW).reject("Bearer " + token, "c")).isNull();
        assertThat(new WellFormedJwt(false, NOW).reject(null, "c")).isNull();
        assertThat(new WellFormedJwt(true, NOW).reject(null, "c")).isNotNull();
    }

    @Test
    void refusesMalformedOrExpiredTokens() {
        WellFormedJwt verifier = new WellFormedJwt(false, NOW);
        assertThat(verifier.reject("Basic abc", "c")).contains("Bearer");
        assertThat(verifier.reject("Bearer abc", "c")).contains("JWT");
        assertThat(verifier.reject("Bearer a.b.c", "c")).contains("JWT");
        assertThat(verifier.reject("Bearer " + jwt("{\"typ\":\"JWT\"}", "{}"), "c")).contains("alg");
        assertThat(verifier.reject("Bearer " + jwt("{\"alg\":\"RS256\"}", "{\"exp\":1700000000}"), "c")).contains("expired");
        assertThat(verifier.reject("Bearer " + jwt("{\"alg\":\"RS256\"}", "[1]"), "c")).contains("payload");
    }

    @Test
    void theCallIdComesFromThePath() {
        assertThat(MediaHandshakeInterceptor.callId("/ws/media/call-abc-123")).isEqualTo("call-abc-123");
        assertThat(MediaHandshakeInterceptor.callId("/ws/media/call%20x")).isEqualTo("call x");
        assertThat(MediaHandshakeInterceptor.callId("/ws/media/")).isNull();
        assertThat(MediaHandshakeInterceptor.callId("/ws/media/a/b")).isNull();
        assertThat(MediaHandshakeInterceptor.callId("/other")).isNull();
    }
}

package org.openivr.worker.media;

import java.net.URI;
import java.time.Duration;
import org.openivr.acsauth.AcsTokenSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ivr.acs.callback-auth.*} as the streaming worker reads it: ACS signs media WebSocket upgrades with the same
 * keys, issuer and audience as callbacks (acs-wire 5.1), so one set of settings serves the API and the worker.
 *
 * @param enabled             verify ACS's JWT (default true); when false a media upgrade's Authorization header is
 *                            not looked at (never in production)
 * @param openidConfiguration where ACS's signing keys are named (default ACS's)
 * @param issuer              the {@code iss} required (default ACS's)
 * @param audience            our ACS resource's immutable id; required when enabled
 * @param clockSkew           tolerance on {@code exp}/{@code nbf} (default 60 s)
 * @param keyRefetchInterval  at most one JWKS refetch per this interval for unknown keys (default 30 s)
 */
@ConfigurationProperties(AcsTokenProperties.PREFIX)
public record AcsTokenProperties(Boolean enabled, URI openidConfiguration, String issuer, String audience,
                                 Duration clockSkew, Duration keyRefetchInterval) {
    static final String PREFIX = "ivr.acs.callback-auth";

    boolean isEnabled() {
        return enabled == null || enabled;
    }

    AcsTokenSettings settings() {
        return new AcsTokenSettings(openidConfiguration, issuer, audience, clockSkew, keyRefetchInterval);
    }
}

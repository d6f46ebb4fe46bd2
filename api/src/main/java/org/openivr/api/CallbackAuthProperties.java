package org.openivr.api;

import java.net.URI;
import java.time.Duration;
import org.openivr.acsauth.AcsTokenSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ivr.acs.callback-auth.*}: how {@code /api/callbacks/...} checks the JWT ACS puts on each callback
 * (acs-wire 7.2). The streaming worker reads the same settings for the JWT on media WebSocket upgrades: ACS signs both
 * with the same keys, issuer and audience.
 *
 * @param enabled             check tokens (default true); off only for local experiments
 * @param openidConfiguration the OpenID configuration document that names the signing keys' JWKS (default ACS's,
 *                            {@value #ACS_OPENID_CONFIGURATION})
 * @param issuer              the {@code iss} a token must carry (default {@value #ACS_ISSUER})
 * @param audience            the {@code aud} a token must carry: this platform's ACS resource id (the immutable
 *                            resource id of the Communication Services resource); required when enabled
 * @param clockSkew           how far {@code exp}/{@code nbf} may be off (default 60 s)
 * @param keyRefetchInterval  at most one JWKS refetch per this interval when a token names an unknown key
 *                            (default 30 s), so forged tokens cannot make the platform hammer the key endpoint
 */
@ConfigurationProperties(CallbackAuthProperties.PREFIX)
public record CallbackAuthProperties(Boolean enabled, URI openidConfiguration, String issuer, String audience,
                                     Duration clockSkew, Duration keyRefetchInterval) {
    public static final String PREFIX = "ivr.acs.callback-auth";
    public static final String ACS_ISSUER = AcsTokenSettings.ACS_ISSUER;
    public static final String ACS_OPENID_CONFIGURATION = AcsTokenSettings.ACS_OPENID_CONFIGURATION;

    public CallbackAuthProperties {
        enabled = enabled == null || enabled;
        openidConfiguration = openidConfiguration == null ? URI.create(ACS_OPENID_CONFIGURATION) : openidConfiguration;
        issuer = issuer == null || issuer.isBlank() ? ACS_ISSUER : issuer.trim();
        audience = audience == null || audience.isBlank() ? null : audience.trim();
        clockSkew = clockSkew == null ? Duration.ofSeconds(60) : clockSkew;
        keyRefetchInterval = keyRefetchInterval == null ? Duration.ofSeconds(30) : keyRefetchInterval;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public AcsTokenSettings settings() {
        return new AcsTokenSettings(openidConfiguration, issuer, audience, clockSkew, keyRefetchInterval);
    }
}

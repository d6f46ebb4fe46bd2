package org.openivr.acsauth;

import java.net.URI;
import java.time.Duration;

/**
 * What a JWT from ACS must satisfy (acs-wire 5.1, 7.2); the same for callback POSTs and media WebSocket upgrades.
 *
 * @param openidConfiguration the OpenID configuration document that names the signing keys' JWKS (default ACS's,
 *                            {@value #ACS_OPENID_CONFIGURATION})
 * @param issuer              the {@code iss} a token must carry (default {@value #ACS_ISSUER})
 * @param audience            the {@code aud} a token must carry: the immutable resource id of our Communication
 *                            Services resource; required
 * @param clockSkew           how far {@code exp}/{@code nbf} may be off (default 60 s)
 * @param keyRefetchInterval  at most one JWKS refetch per this interval when a token names an unknown key (default
 *                            30 s), so forged tokens cannot make us hammer the key endpoint; zero or less: no limit
 */
public record AcsTokenSettings(URI openidConfiguration, String issuer, String audience, Duration clockSkew,
                               Duration keyRefetchInterval) {
    public static final String ACS_ISSUER = "https://acscallautomation.communication.azure.com";
    public static final String ACS_OPENID_CONFIGURATION =
            "https://acscallautomation.communication.azure.com/calling/.well-known/acsopenidconfiguration";

    public AcsTokenSettings {
        openidConfiguration = openidConfiguration == null ? URI.create(ACS_OPENID_CONFIGURATION) : openidConfiguration;
        issuer = issuer == null || issuer.isBlank() ? ACS_ISSUER : issuer.trim();
        audience = audience == null || audience.isBlank() ? null : audience.trim();
        clockSkew = clockSkew == null ? Duration.ofSeconds(60) : clockSkew;
        keyRefetchInterval = keyRefetchInterval == null ? Duration.ofSeconds(30) : keyRefetchInterval;
    }
}

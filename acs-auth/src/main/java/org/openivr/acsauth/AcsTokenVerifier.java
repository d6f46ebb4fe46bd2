package org.openivr.acsauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.text.ParseException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies a JWT from ACS (acs-wire 5.1, 7.2): RS256 signature by a key of the JWKS that the configured OpenID
 * configuration names, {@code iss}, {@code aud} = our ACS resource id, and {@code exp}/{@code nbf} with a small clock
 * skew. The OpenID document is read on first use (and again after a failure); keys are cached by the JWT library and
 * refetched when a token names a key not in the cache (rate-limited). Thread-safe.
 */
public final class AcsTokenVerifier {
    private static final Logger log = LoggerFactory.getLogger(AcsTokenVerifier.class);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_DOCUMENT_BYTES = 256 * 1024;

    private final AcsTokenSettings settings;
    private final HttpClient http;
    private volatile DefaultJWTProcessor<SecurityContext> processor;

    /**
     * @param settingsProperty      the property prefix the settings came from, named in the error when the audience
     *                              is missing (e.g. {@code ivr.acs.callback-auth})
     * @param trustedCertificatePem a PEM file whose certificate(s) alone are trusted for HTTPS to the key endpoints
     *                              (the local emulator's self-signed certificate), or null for the JDK's trust store
     */
    public AcsTokenVerifier(AcsTokenSettings settings, String settingsProperty, Path trustedCertificatePem) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (settings.audience() == null) {
            throw new IllegalStateException(settingsProperty + ".audience is not set: set it to this platform's ACS "
                    + "resource id (the immutable resource id of the Communication Services resource), which ACS "
                    + "puts as 'aud' in the JWT on every callback and media stream; or set " + settingsProperty
                    + ".enabled=false to accept ACS's requests unauthenticated (never in production)");
        }
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (trustedCertificatePem != null) {
            builder.sslContext(trusting(trustedCertificatePem));
        }
        this.http = builder.build();
    }

    /** Checks a bearer token (without the {@code Bearer } prefix); returns its claims. */
    public JWTClaimsSet verify(String token) throws InvalidAcsToken, AcsKeysUnavailable {
        DefaultJWTProcessor<SecurityContext> jwt = processor();
        try {
            return jwt.process(token, null);
        } catch (KeySourceException e) {
            throw new AcsKeysUnavailable("cannot read ACS's signing keys: " + e.getMessage(), e);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new InvalidAcsToken(e.getMessage(), e);
        }
    }

    private DefaultJWTProcessor<SecurityContext> processor() throws AcsKeysUnavailable {
        DefaultJWTProcessor<SecurityContext> current = processor;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (processor == null) {
                processor = build(discoverJwksUri());
            }
            return processor;
        }
    }

    private URL discoverJwksUri() throws AcsKeysUnavailable {
        URI document = settings.openidConfiguration();
        try {
            Object jwksUri = JSONObjectUtils.parse(fetch(document)).get("jwks_uri");
            if (!(jwksUri instanceof String text) || text.isBlank()) {
                throw new AcsKeysUnavailable("the OpenID configuration " + document + " has no jwks_uri", null);
            }
            URL url = document.resolve(new URI(text)).toURL();
            log.info("ACS tokens: keys from {} (named by {}), issuer {}, audience {}", url, document,
                    settings.issuer(), settings.audience());
            return url;
        } catch (IOException | ParseException | URISyntaxException | IllegalArgumentException e) {
            throw new AcsKeysUnavailable("cannot read the OpenID configuration " + document + ": " + e, e);
        }
    }

    private DefaultJWTProcessor<SecurityContext> build(URL jwksUri) {
        JWKSourceBuilder<SecurityContext> keys = JWKSourceBuilder.create(jwksUri, retriever());
        long refetch = settings.keyRefetchInterval().toMillis();
        keys = refetch <= 0 ? keys.rateLimited(false) : keys.rateLimited(refetch);
        JWKSource<SecurityContext> source = keys.build();
        DefaultJWTProcessor<SecurityContext> jwt = new DefaultJWTProcessor<>();
        jwt.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256), source));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(settings.audience(),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), Set.of("iss", "aud", "exp"));
        claims.setMaxClockSkew((int) Math.min(Integer.MAX_VALUE, settings.clockSkew().toSeconds()));
        jwt.setJWTClaimsSetVerifier(claims);
        return jwt;
    }

    private ResourceRetriever retriever() {
        return url -> {
            try {
                return new Resource(fetch(url.toURI()), "application/json");
            } catch (URISyntaxException e) {
                throw new IOException("not a URI: " + url, e);
            }
        };
    }

    private String fetch(URI uri) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(FETCH_TIMEOUT).header("Accept", "application/json")
                .GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("GET " + uri + " answered " + response.statusCode());
            }
            if (response.body().length > MAX_DOCUMENT_BYTES) {
                throw new IOException("GET " + uri + " answered more than " + MAX_DOCUMENT_BYTES + " bytes");
            }
            return new String(response.body(), StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, e);
        }
    }

    private static SSLContext trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("trusted-" + i++, certificate);
            }
            if (i == 0) {
                throw new IllegalStateException("no certificate in " + pem);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the trusted certificate " + pem + ": " + e.getMessage(), e);
        }
    }
}

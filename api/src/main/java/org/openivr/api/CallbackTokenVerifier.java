package org.openivr.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
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
 * Verifies the JWT ACS puts on callback requests (acs-wire 7.2): RS256 signature by a key of the JWKS that the
 * configured OpenID configuration names, {@code iss}, {@code aud} = our ACS resource id, and {@code exp}/{@code nbf}
 * with a small clock skew. The OpenID document is read on first use (and again after a failure); keys are cached by
 * the JWT library and refetched when a token names a key not in the cache (rate-limited).
 */
public class CallbackTokenVerifier {
    private static final Logger log = LoggerFactory.getLogger(CallbackTokenVerifier.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_DOCUMENT_BYTES = 256 * 1024;

    /** The token is missing, malformed, forged, expired, or not for us: 401. */
    public static final class InvalidToken extends Exception {
        InvalidToken(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The signing keys cannot be read now: not the caller's fault, 503 (ACS retries 5xx). */
    public static final class KeysUnavailable extends Exception {
        KeysUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final CallbackAuthProperties properties;
    private final HttpClient http;
    private volatile DefaultJWTProcessor<SecurityContext> processor;

    /**
     * @param trustedCertificatePem a PEM file whose certificate(s) alone are trusted for HTTPS to the key endpoints
     *                              (the local emulator's self-signed certificate), or null for the JDK's trust store
     */
    public CallbackTokenVerifier(CallbackAuthProperties properties, Path trustedCertificatePem) {
        this.properties = Objects.requireNonNull(properties, "properties");
        if (properties.audience() == null) {
            throw new IllegalStateException("ivr.acs.callback-auth.audience is not set: set it to this platform's ACS "
                    + "resource id (the immutable resource id of the Communication Services resource), which ACS "
                    + "puts as 'aud' in the JWT on every callback; or set ivr.acs.callback-auth.enabled=false to accept "
                    + "unauthenticated callbacks (never in production)");
        }
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (trustedCertificatePem != null) {
            builder.sslContext(trusting(trustedCertificatePem));
        }
        this.http = builder.build();
    }

    /** Checks a bearer token; returns its claims. */
    public JWTClaimsSet verify(String token) throws InvalidToken, KeysUnavailable {
        DefaultJWTProcessor<SecurityContext> jwt = processor();
        try {
            return jwt.process(token, null);
        } catch (ParseException | BadJOSEException e) {
            throw new InvalidToken(e.getMessage(), e);
        } catch (KeySourceException e) {
            throw new KeysUnavailable("cannot read the callback signing keys: " + e.getMessage(), e);
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new InvalidToken(e.getMessage(), e);
        }
    }

    private DefaultJWTProcessor<SecurityContext> processor() throws KeysUnavailable {
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

    private URL discoverJwksUri() throws KeysUnavailable {
        URI document = properties.openidConfiguration();
        try {
            JsonNode config = JSON.readTree(fetch(document));
            String jwksUri = config.path("jwks_uri").asText("");
            if (jwksUri.isBlank()) {
                throw new KeysUnavailable("the OpenID configuration " + document + " has no jwks_uri", null);
            }
            URL url = document.resolve(new URI(jwksUri)).toURL();
            log.info("callback tokens: keys from {} (named by {}), issuer {}, audience {}", url, document,
                    properties.issuer(), properties.audience());
            return url;
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            throw new KeysUnavailable("cannot read the OpenID configuration " + document + ": " + e, e);
        }
    }

    private DefaultJWTProcessor<SecurityContext> build(URL jwksUri) {
        JWKSourceBuilder<SecurityContext> keys = JWKSourceBuilder.create(jwksUri, retriever());
        long refetch = properties.keyRefetchInterval().toMillis();
        keys = refetch <= 0 ? keys.rateLimited(false) : keys.rateLimited(refetch);
        JWKSource<SecurityContext> source = keys.build();
        DefaultJWTProcessor<SecurityContext> jwt = new DefaultJWTProcessor<>();
        jwt.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256), source));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(properties.audience(),
                new JWTClaimsSet.Builder().issuer(properties.issuer()).build(), Set.of("iss", "aud", "exp"));
        claims.setMaxClockSkew((int) Math.min(Integer.MAX_VALUE, properties.clockSkew().toSeconds()));
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
            return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
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

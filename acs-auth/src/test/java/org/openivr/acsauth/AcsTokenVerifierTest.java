package org.openivr.acsauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The verifier against a local server that publishes an OpenID configuration and a JWKS, as ACS does. */
class AcsTokenVerifierTest {
    private static final String RESOURCE = "5d1f0c9a-2b3e-4f60-8a7b-9c0d1e2f3a4b";

    private HttpServer server;
    private RSAKey signing;
    private String base;

    @BeforeEach
    void start() throws Exception {
        signing = new RSAKeyGenerator(2048).keyID("k1").generate();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/calling/.well-known/acsopenidconfiguration",
                exchange -> respond(exchange, "{\"jwks_uri\":\"/calling/keys\"}"));
        server.createContext("/calling/keys",
                exchange -> respond(exchange, new JWKSet(signing.toPublicJWK()).toString(true)));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String json) throws java.io.IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private AcsTokenVerifier verifier(String openIdPath) {
        return new AcsTokenVerifier(new AcsTokenSettings(URI.create(base + openIdPath), null, RESOURCE, null,
                Duration.ZERO), "ivr.test", null);
    }

    private static String token(RSAKey key, String audience, Instant expires) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(AcsTokenSettings.ACS_ISSUER).audience(audience)
                        .expirationTime(Date.from(expires)).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void aTokenSignedByAPublishedKeyForOurResourceIsAccepted() throws Exception {
        JWTClaimsSet claims = verifier("/calling/.well-known/acsopenidconfiguration")
                .verify(token(signing, RESOURCE, Instant.now().plusSeconds(300)));
        assertThat(claims.getAudience()).containsExactly(RESOURCE);
    }

    @Test
    void forgedExpiredAndOtherResourceTokensAreInvalid() throws Exception {
        AcsTokenVerifier verifier = verifier("/calling/.well-known/acsopenidconfiguration");
        RSAKey other = new RSAKeyGenerator(2048).keyID("k1").generate();
        for (String token : new String[] {token(other, RESOURCE, Instant.now().plusSeconds(300)),
                token(signing, RESOURCE, Instant.now().minusSeconds(600)),
                token(signing, "another-resource", Instant.now().plusSeconds(300)), "a.b.c"}) {
            assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(InvalidAcsToken.class);
        }
    }

    @Test
    void unreadableKeysAreNotTheCallersFault() {
        assertThatThrownBy(() -> verifier("/nowhere").verify(token(signing, RESOURCE, Instant.now().plusSeconds(300))))
                .isInstanceOf(AcsKeysUnavailable.class).hasMessageContaining("/nowhere");
    }

    @Test
    void withoutAnAudienceItRefusesToStartAndSaysWhichPropertyToSet() {
        assertThatThrownBy(() -> new AcsTokenVerifier(new AcsTokenSettings(null, null, " ", null, null), "ivr.test", null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ivr.test.audience is not set");
    }
}

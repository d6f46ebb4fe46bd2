package org.openivr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** The JWT on callback POSTs (acs-wire 7.2) and the OpenID configuration and JWKS that verify it. */
class CallbackTokensTest {

  @Test
  void tokensCarryIssuerResourceKidAndFiveMinutesAndAreReusedForAMinute() throws Exception {
    Instant start = Instant.parse("2025-06-16T20:00:00Z");
    Clock[] clock = {Clock.fixed(start, ZoneOffset.UTC)};
    CallbackTokens tokens = new CallbackTokens(CallbackTokens.ACS_ISSUER, "res-1", new Clock() {
      @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
      @Override public Clock withZone(java.time.ZoneId zone) { return this; }
      @Override public Instant instant() { return clock[0].instant(); }
    });
    String first = tokens.current();
    SignedJWT jwt = SignedJWT.parse(first);
    RSAKey published = (RSAKey) JWKSet.parse(tokens.jwksJson()).getKeyByKeyId(tokens.keyId());

    assertThat(published.isPrivate()).isFalse();
    assertThat(jwt.verify(new RSASSAVerifier(published))).isTrue();
    assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
    assertThat(jwt.getHeader().getKeyID()).isEqualTo(tokens.keyId());
    assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("https://acscallautomation.communication.azure.com");
    assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("res-1");
    assertThat(jwt.getJWTClaimsSet().getIssueTime().toInstant()).isEqualTo(start);
    assertThat(jwt.getJWTClaimsSet().getNotBeforeTime().toInstant()).isEqualTo(start);
    assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(start.plus(Duration.ofMinutes(5)));

    clock[0] = Clock.fixed(start.plusSeconds(59), ZoneOffset.UTC);
    assertThat(tokens.current()).isEqualTo(first);
    clock[0] = Clock.fixed(start.plusSeconds(61), ZoneOffset.UTC);
    assertThat(tokens.current()).isNotEqualTo(first);
  }

  @Test
  void theEmulatorPublishesItsOpenIdConfigurationAndKeysWithoutAuthentication() throws Exception {
    try (AcsEmulator acs = AcsEmulator.start(EmulatorOptions.defaults(null).withCallbackIssuer("https://issuer.test"))) {
      HttpClient http = HttpClient.newBuilder().sslContext(trusting(acs.certificatePem())).build();
      JsonNode config = Json.MAPPER.readTree(get(http, acs.openIdConfigurationUri()));
      assertThat(acs.openIdConfigurationUri().getPath()).isEqualTo("/calling/.well-known/acsopenidconfiguration");
      assertThat(config.path("issuer").asText()).isEqualTo("https://issuer.test");
      assertThat(config.path("jwks_uri").asText()).isEqualTo(acs.jwksUri().toString()).endsWith("/calling/keys");

      JWKSet keys = JWKSet.parse(get(http, acs.jwksUri()));
      SignedJWT token = SignedJWT.parse(acs.callbackToken());
      RSAKey key = (RSAKey) keys.getKeyByKeyId(token.getHeader().getKeyID());
      assertThat(token.verify(new RSASSAVerifier(key))).isTrue();
      assertThat(token.getJWTClaimsSet().getAudience()).containsExactly(acs.resourceId());
      assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo("https://issuer.test");
      assertThat(acs.resourceId()).matches("[0-9a-f-]{36}");
    }
  }

  private static String get(HttpClient http, URI uri) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static SSLContext trusting(String pem) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    store.setCertificateEntry("emulator", CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}

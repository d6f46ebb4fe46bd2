package org.openivr.emulator;

// ACS signs every callback POST with an RS256 JWT (acs-wire 7.2) and publishes its keys through an
// OpenID configuration document; this reproduces both with a key made when the emulator starts.

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;

/**
 * The emulator's callback tokens: an RSA key pair made at start (its public half published as a JWKS), and
 * {@code Authorization: Bearer} tokens for callback POSTs with {@code iss} = the configured issuer, {@code aud} =
 * the emulator's fake ACS resource id, {@code iat}/{@code nbf} = now and {@code exp} = now + 5 min, {@code kid} in
 * the header. One token is reused while more than {@link #REUSE_WHILE} of its life is left, so a busy emulator does
 * not sign once per event.
 */
final class CallbackTokens {

  /** ACS's callback token issuer (acs-wire 7.2). */
  static final String ACS_ISSUER = "https://acscallautomation.communication.azure.com";
  static final String OPENID_PATH = "/calling/.well-known/acsopenidconfiguration";
  static final String JWKS_PATH = "/calling/keys";
  static final Duration LIFETIME = Duration.ofMinutes(5);
  static final Duration REUSE_WHILE = Duration.ofMinutes(4);

  private final RSAKey key;
  private final RSASSASigner signer;
  private final String issuer;
  private final String resourceId;
  private final Clock clock;
  private String current;
  private Instant currentExpires = Instant.EPOCH;

  CallbackTokens(String issuer, String resourceId, Clock clock) {
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.resourceId = Objects.requireNonNull(resourceId, "resourceId");
    this.clock = clock;
    try {
      this.key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
          .keyID("acs-emulator-" + UUID.randomUUID()).generate();
      this.signer = new RSASSASigner(key);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot make the emulator's callback signing key", e);
    }
  }

  String issuer() {
    return issuer;
  }

  String resourceId() {
    return resourceId;
  }

  String keyId() {
    return key.getKeyID();
  }

  /** A token for a callback POST sent now (reused while it has more than 4 minutes left). */
  synchronized String current() {
    Instant now = clock.instant();
    if (current == null || Duration.between(now, currentExpires).compareTo(REUSE_WHILE) <= 0) {
      current = mint(issuer, resourceId, now, LIFETIME);
      currentExpires = now.plus(LIFETIME);
    }
    return current;
  }

  /** A token signed with the emulator's key, with any claims (tests make expired or other-resource tokens). */
  String mint(String issuer, String audience, Instant issuedAt, Duration lifetime) {
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(issuer)
        .audience(audience)
        .issueTime(Date.from(issuedAt))
        .notBeforeTime(Date.from(issuedAt))
        .expirationTime(Date.from(issuedAt.plus(lifetime)))
        .jwtID(UUID.randomUUID().toString())
        .build();
    SignedJWT jwt = new SignedJWT(
        new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build(), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a callback token", e);
    }
    return jwt.serialize();
  }

  /** The JWKS served at {@value #JWKS_PATH}: the public key only. */
  String jwksJson() {
    return new JWKSet(key.toPublicJWK()).toString(true);
  }

  /** The OpenID configuration served at {@value #OPENID_PATH}, naming the JWKS on {@code endpoint}. */
  String openIdConfigurationJson(URI endpoint) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("issuer", issuer);
    node.put("jwks_uri", jwksUri(endpoint).toString());
    node.putArray("id_token_signing_alg_values_supported").add("RS256");
    node.putArray("response_types_supported").add("id_token");
    node.putArray("subject_types_supported").add("public");
    return Json.write(node);
  }

  static URI jwksUri(URI endpoint) {
    return endpoint.resolve(JWKS_PATH.substring(1));
  }

  static URI openIdConfigurationUri(URI endpoint) {
    return endpoint.resolve(OPENID_PATH.substring(1));
  }
}

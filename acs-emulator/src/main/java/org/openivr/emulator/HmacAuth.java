package org.openivr.emulator;

// ACS has no local emulator, so nothing verifies its HMAC request signing server-side; this
// reproduces the scheme of acs-wire 1.2 (the Azure SDKs only contain the client half).

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Verifies {@code Authorization: HMAC-SHA256 SignedHeaders=...&Signature=...} on ACS requests. */
final class HmacAuth {

  static final String SCHEME = "HMAC-SHA256";

  private final byte[] key;

  /** @param accessKey the base64 access key of the connection string */
  HmacAuth(String accessKey) {
    this.key = Base64.getDecoder().decode(accessKey);
  }

  /** {@code base64(SHA-256(body))}. */
  static String contentHash(byte[] body) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The three-line string to sign: verb, path and query, then the signed header values joined by ';'. */
  static String stringToSign(String method, String pathAndQuery, List<String> signedHeaderValues) {
    return method.toUpperCase(Locale.ROOT) + "\n" + pathAndQuery + "\n" + String.join(";", signedHeaderValues);
  }

  /** {@code base64(HMAC-SHA256(key, UTF-8(stringToSign)))}. */
  static String signature(byte[] key, String stringToSign) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Checks a request's signature.
   *
   * @param pathAndQuery raw path, plus {@code ?} and the raw query when there is one
   * @param header       a request header by (case-insensitive) name, or {@code null}
   * @param localPort    the port the emulator listens on: the signed host may carry it or not
   * @return {@code null} when the request is authentic, else why not
   */
  String verify(String method, String pathAndQuery, Function<String, String> header, byte[] body, int localPort) {
    String authorization = header.apply("Authorization");
    if (authorization == null || authorization.isBlank()) {
      return "Missing Authorization header.";
    }
    if (!authorization.regionMatches(true, 0, SCHEME + " ", 0, SCHEME.length() + 1)) {
      return "Unsupported Authorization scheme; expected " + SCHEME + ".";
    }
    String signedHeaders = null;
    String signature = null;
    for (String part : authorization.substring(SCHEME.length() + 1).trim().split("&")) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String name = part.substring(0, eq).trim();
      if (name.equalsIgnoreCase("SignedHeaders")) {
        signedHeaders = part.substring(eq + 1).trim();
      } else if (name.equalsIgnoreCase("Signature")) {
        signature = part.substring(eq + 1).trim();
      }
    }
    if (signedHeaders == null || signature == null || signedHeaders.isEmpty()) {
      return "Authorization header lacks SignedHeaders or Signature.";
    }
    List<String> names = List.of(signedHeaders.toLowerCase(Locale.ROOT).split(";"));
    if (!names.contains("x-ms-date") || !names.contains("host") || !names.contains("x-ms-content-sha256")) {
      return "SignedHeaders must include x-ms-date, host and x-ms-content-sha256.";
    }
    String declaredHash = header.apply("x-ms-content-sha256");
    if (declaredHash == null || !declaredHash.equals(contentHash(body))) {
      return "x-ms-content-sha256 does not match the request body.";
    }
    if (header.apply("x-ms-date") == null) {
      return "Missing x-ms-date header.";
    }
    byte[] presented;
    try {
      presented = Base64.getDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      return "Signature is not base64.";
    }
    for (String host : hostCandidates(header.apply("Host"), localPort)) {
      List<String> values = new ArrayList<>();
      for (String name : names) {
        String value = name.equals("host") ? host : header.apply(name);
        if (value == null) {
          return "Signed header " + name + " is missing.";
        }
        values.add(value);
      }
      byte[] expected = Base64.getDecoder().decode(signature(key, stringToSign(method, pathAndQuery, values)));
      if (MessageDigest.isEqual(expected, presented)) {
        return null;
      }
    }
    return "The request signature does not match (check the access key, the signed host and the signed path).";
  }

  /** Clients sign the host with or without the port (acs-wire 1.2); accept either. */
  private static Set<String> hostCandidates(String hostHeader, int localPort) {
    Set<String> candidates = new LinkedHashSet<>();
    String host = hostHeader == null || hostHeader.isBlank() ? "localhost" : hostHeader.trim();
    candidates.add(host);
    String bare = stripPort(host);
    candidates.add(bare);
    candidates.add(bare + ":" + localPort);
    return candidates;
  }

  private static String stripPort(String host) {
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end > 0 ? host.substring(0, end + 1) : host;
    }
    int colon = host.lastIndexOf(':');
    return colon > 0 && host.indexOf(':') == colon ? host.substring(0, colon) : host;
  }
}

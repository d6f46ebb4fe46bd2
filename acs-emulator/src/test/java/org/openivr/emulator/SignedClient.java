package org.openivr.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Test-side ACS client: trusts exactly the emulator's certificate and signs like the SDK's HMAC
 * policy (written independently of the emulator's verifier). The JDK client sends
 * {@code Host: localhost:PORT}, so this signs the host with its port.
 */
final class SignedClient {

  static final String API_VERSION = "2023-03-06";
  private static final DateTimeFormatter RFC_1123 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

  record Reply(int status, Map<String, String> headers, String body) {
    JsonNode json() {
      try {
        return HttpSink.MAPPER.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException(body, e);
      }
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final URI endpoint;
  private final byte[] key;
  private final HttpClient http;

  SignedClient(AcsEmulator acs) throws Exception {
    this(acs, connectionStringPart(acs.connectionString(), "accesskey"));
  }

  SignedClient(AcsEmulator acs, String accessKey) throws Exception {
    this.endpoint = URI.create(connectionStringPart(acs.connectionString(), "endpoint"));
    this.key = Base64.getDecoder().decode(accessKey);
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("acs-emulator", CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(acs.certificatePem().getBytes(StandardCharsets.US_ASCII))));
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, factory.getTrustManagers(), null);
    this.http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
  }

  static String connectionStringPart(String connectionString, String name) {
    for (String part : connectionString.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0 && part.substring(0, eq).equalsIgnoreCase(name)) {
        return part.substring(eq + 1);
      }
    }
    throw new IllegalArgumentException(name + " missing in " + connectionString);
  }

  Reply post(String path, String body) throws Exception {
    return send("POST", path, API_VERSION, body, Map.of());
  }

  Reply post(String path, String apiVersion, String body) throws Exception {
    return send("POST", path, apiVersion, body, Map.of());
  }

  Reply get(String path) throws Exception {
    return send("GET", path, API_VERSION, "", Map.of());
  }

  Reply delete(String path) throws Exception {
    return send("DELETE", path, API_VERSION, "", Map.of());
  }

  /** @param apiVersion {@code null} sends no api-version */
  Reply send(String method, String path, String apiVersion, String body, Map<String, String> headers) throws Exception {
    String pathAndQuery = apiVersion == null ? path : path + "?api-version=" + apiVersion;
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String date = RFC_1123.format(ZonedDateTime.now(ZoneOffset.UTC));
    String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    String host = endpoint.getHost() + ":" + endpoint.getPort();
    String toSign = method + "\n" + pathAndQuery + "\n" + date + ";" + host + ";" + hash;
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    String signature = Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(pathAndQuery))
        .method(method, bytes.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes))
        .header("Content-Type", "application/json")
        .header("x-ms-date", date)
        .header("x-ms-content-sha256", hash)
        .header("Authorization", "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=" + signature);
    headers.forEach(request::header);
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    Map<String, String> responseHeaders = new LinkedHashMap<>();
    response.headers().map().forEach((name, values) -> responseHeaders.put(name.toLowerCase(Locale.ROOT), values.get(0)));
    return new Reply(response.statusCode(), responseHeaders, response.body());
  }
}

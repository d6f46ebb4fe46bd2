package org.openivr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class HmacAuthTest {

  // The worked example of acs-wire 1.2.
  static final String KEY = "ZW11bGF0b3ItdGVzdC1rZXktMDEyMzQ1Njc4OWFiY2RlZg==";
  static final byte[] BODY =
      "{\"callLocator\":{\"serverCallId\":\"abc\",\"kind\":\"serverCallLocator\"}}".getBytes(StandardCharsets.UTF_8);
  static final String PATH = "/calling/recordings?api-version=2023-03-06";
  static final String DATE = "Mon, 16 Jun 2025 20:52:30 GMT";
  static final String HASH = "Df60Jv8DN25hB90QUBq7Fn5+/XMc+eh/vAZ1sUgCgjM=";
  static final String SIGNATURE = "XuOgCBNnRkK6cjC9rrwvtREAzYtUuuG6zyKbVDCKDyQ=";
  static final String AUTHORIZATION = "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=" + SIGNATURE;

  @Test
  void reproducesTheWorkedExample() {
    String toSign = HmacAuth.stringToSign("POST", PATH, List.of(DATE, "contoso.communication.azure.com", HASH));

    assertThat(HmacAuth.contentHash(BODY)).isEqualTo(HASH);
    assertThat(toSign).isEqualTo(
        "POST\n/calling/recordings?api-version=2023-03-06\nMon, 16 Jun 2025 20:52:30 GMT;contoso.communication.azure.com;"
            + "Df60Jv8DN25hB90QUBq7Fn5+/XMc+eh/vAZ1sUgCgjM=");
    assertThat(HmacAuth.signature(Base64.getDecoder().decode(KEY), toSign)).isEqualTo(SIGNATURE);
    assertThat(HmacAuth.contentHash(new byte[0])).isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  }

  @Test
  void acceptsTheWorkedExampleRequest() {
    Headers headers = headers("contoso.communication.azure.com", AUTHORIZATION, HASH);

    assertThat(new HmacAuth(KEY).verify("POST", PATH, headers::getFirst, BODY, 443)).isNull();
  }

  @Test
  void acceptsTheSignedHostWithOrWithoutThePort() {
    HmacAuth auth = new HmacAuth(KEY);
    byte[] key = Base64.getDecoder().decode(KEY);
    String withPort = HmacAuth.signature(key, HmacAuth.stringToSign("POST", PATH, List.of(DATE, "localhost:8443", HASH)));
    String withoutPort = HmacAuth.signature(key, HmacAuth.stringToSign("POST", PATH, List.of(DATE, "localhost", HASH)));

    // The Java SDK signs and sends the bare host; other clients send host:port and sign it (or not).
    for (String hostHeader : List.of("localhost", "localhost:8443")) {
      for (String signature : List.of(withPort, withoutPort)) {
        Headers headers = headers(hostHeader, authorization(signature), HASH);
        assertThat(auth.verify("POST", PATH, headers::getFirst, BODY, 8443)).as(hostHeader).isNull();
      }
    }
  }

  @Test
  void rejectsForgedOrTamperedRequests() {
    HmacAuth auth = new HmacAuth(KEY);
    Headers forged = headers("contoso.communication.azure.com",
        authorization("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="), HASH);
    Headers good = headers("contoso.communication.azure.com", AUTHORIZATION, HASH);
    byte[] otherBody = "{\"callLocator\":{\"serverCallId\":\"abd\",\"kind\":\"serverCallLocator\"}}"
        .getBytes(StandardCharsets.UTF_8);
    Headers rehashed = headers("contoso.communication.azure.com", AUTHORIZATION, HmacAuth.contentHash(otherBody));
    Headers unsigned = headers("contoso.communication.azure.com", null, HASH);

    assertThat(auth.verify("POST", PATH, forged::getFirst, BODY, 443)).contains("signature does not match");
    assertThat(auth.verify("POST", PATH, good::getFirst, otherBody, 443)).contains("does not match the request body");
    assertThat(auth.verify("POST", PATH, rehashed::getFirst, otherBody, 443)).contains("signature does not match");
    assertThat(auth.verify("POST", "/calling/recordings?api-version=2025-06-15", good::getFirst, BODY, 443))
        .contains("signature does not match");
    assertThat(auth.verify("PUT", PATH, good::getFirst, BODY, 443)).contains("signature does not match");
    assertThat(auth.verify("POST", PATH, unsigned::getFirst, BODY, 443)).contains("Missing Authorization");
    assertThat(new HmacAuth("b3RoZXIta2V5").verify("POST", PATH, good::getFirst, BODY, 443))
        .contains("signature does not match");
  }

  private static String authorization(String signature) {
    return "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=" + signature;
  }

  private static Headers headers(String host, String authorization, String hash) {
    Headers headers = new Headers();
    headers.add("Host", host);
    headers.add("x-ms-date", DATE);
    headers.add("x-ms-content-sha256", hash);
    if (authorization != null) {
      headers.add("Authorization", authorization);
    }
    return headers;
  }
}

package org.openivr.activities;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AcsSettingsTest {

    private static final String CONNECTION = "endpoint=https://localhost:8443/;accesskey=c2VjcmV0LWtleQ==";

    @Test
    void callbackUriNamesTheCall() {
        assertThat(new AcsSettings(CONNECTION, "http://127.0.0.1:8080", null, null, TestMediaTokens.TOKENS).callbackUri("call-42"))
                .isEqualTo("http://127.0.0.1:8080/api/callbacks/call-42");
        assertThat(new AcsSettings(CONNECTION, "https://ivr.example.com/", null, null, TestMediaTokens.TOKENS).callbackUri("a b/c"))
                .isEqualTo("https://ivr.example.com/api/callbacks/a%20b%2Fc");
    }

    @Test
    void mediaStreamingUriNamesTheCallOverWebSocketAndCarriesItsToken() {
        String token = TestMediaTokens.TOKENS.issue("call-42");
        assertThat(new AcsSettings(CONNECTION, "http://127.0.0.1:8080/", null, null, TestMediaTokens.TOKENS)
                .mediaStreamingUri("call-42")).isEqualTo("ws://127.0.0.1:8080/ws/media/call-42?token=" + token);
        assertThat(new AcsSettings(CONNECTION, "https://ivr.contoso.com", null, null, TestMediaTokens.TOKENS)
                .mediaStreamingUri("call-42")).isEqualTo("wss://ivr.contoso.com/ws/media/call-42?token=" + token);
    }

    @Test
    void toStringNeverShowsTheAccessKey() {
        assertThat(new AcsSettings(CONNECTION, "http://127.0.0.1:8080", "pem", null, TestMediaTokens.TOKENS).toString())
                .doesNotContain("c2VjcmV0LWtleQ").doesNotContain("accesskey").doesNotContain(TestMediaTokens.SECRET);
    }

    @Test
    void blankOptionalsAreNull() {
        AcsSettings s = new AcsSettings(CONNECTION, "http://127.0.0.1:8080", " ", "", TestMediaTokens.TOKENS);
        assertThat(s.trustedCertificatePem()).isNull();
        assertThat(s.cognitiveServicesEndpoint()).isNull();
        assertThatThrownBy(() -> new AcsSettings(CONNECTION, "not a url", null, null, TestMediaTokens.TOKENS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPemThatIsNotACertificateIsRefused() {
        assertThatThrownBy(() -> new AcsClients(new AcsSettings(CONNECTION, "http://127.0.0.1:8080",
                "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n", null, TestMediaTokens.TOKENS)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

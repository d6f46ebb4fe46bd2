package org.openivr.activities;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AcsSettingsTest {

    private static final String CONNECTION = "endpoint=https://localhost:8443/;accesskey=c2VjcmV0LWtleQ==";

    @Test
    void callbackUriNamesTheCall() {
        assertThat(new AcsSettings(CONNECTION, "http://127.0.0.1:8080", null, null).callbackUri("call-42"))
                .isEqualTo("http://127.0.0.1:8080/api/callbacks/call-42");
        assertThat(new AcsSettings(CONNECTION, "https://ivr.example.com/", null, null).callbackUri("a b/c"))
                .isEqualTo("https://ivr.example.com/api/callbacks/a%20b%2Fc");
    }

    @Test
    void mediaStreamingUriNamesTheCallOverWebSocket() {
        assertThat(new AcsSettings(CONNECTION, "http://127.0.0.1:8080/", null, null).mediaStreamingUri("call-42"))
                .isEqualTo("ws://127.0.0.1:8080/ws/media/call-42");
        assertThat(new AcsSettings(CONNECTION, "https://ivr.contoso.com", null, null).mediaStreamingUri("call-42"))
                .isEqualTo("wss://ivr.contoso.com/ws/media/call-42");
    }

    @Test
    void toStringNeverShowsTheAccessKey() {
        assertThat(new AcsSettings(CONNECTION, "http://127.0.0.1:8080", "pem", null).toString())
                .doesNotContain("c2VjcmV0LWtleQ").doesNotContain("accesskey");
    }

    @Test
    void blankOptionalsAreNull() {
        AcsSettings s = new AcsSettings(CONNECTION, "http://127.0.0.1:8080", " ", "");
        assertThat(s.trustedCertificatePem()).isNull();
        assertThat(s.cognitiveServicesEndpoint()).isNull();
        assertThatThrownBy(() -> new AcsSettings(CONNECTION, "not a url", null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPemThatIsNotACertificateIsRefused() {
        assertThatThrownBy(() -> new AcsClients(new AcsSettings(CONNECTION, "http://127.0.0.1:8080",
                "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n", null)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

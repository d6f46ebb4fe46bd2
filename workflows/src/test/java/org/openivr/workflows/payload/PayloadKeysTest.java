package org.openivr.workflows.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PayloadKeysTest {
    private static final byte[] KEY = random32();
    private static final String B64 = Base64.getEncoder().encodeToString(KEY);

    private static byte[] random32() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Test
    void theFirstKeyEncryptsAndEveryKeyIsFound() {
        String url = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
        PayloadKeys keys = PayloadKeys.parse(" new=" + B64 + " , old=" + url);

        assertThat(keys.ids()).containsExactly("new", "old");
        assertThat(keys.encrypting().orElseThrow().id()).isEqualTo("new");
        assertThat(keys.encrypting().orElseThrow().key().getEncoded()).isEqualTo(KEY);
        assertThat(keys.find("old")).isPresent();
        assertThat(keys.find("other")).isEmpty();
    }

    @Test
    void formatParsesBackToTheSameKeys() {
        PayloadKeys keys = PayloadKeys.generate("local-1", new SecureRandom());
        PayloadKeys again = PayloadKeys.parse(keys.format());

        assertThat(again.ids()).containsExactly("local-1");
        assertThat(again.encrypting().orElseThrow().key().getEncoded())
                .isEqualTo(keys.encrypting().orElseThrow().key().getEncoded());
    }

    @Test
    void blankMeansNoKey() {
        assertThat(PayloadKeys.parse("  ").isEmpty()).isTrue();
        assertThat(PayloadKeys.parse(null).isEmpty()).isTrue();
    }

    @Test
    void malformedKeysAreRefusedWithoutEchoingTheKey() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> PayloadKeys.parse("k1=" + shortKey)).isInstanceOf(InvalidPayloadKeys.class)
                .hasMessageContaining("'k1' decodes to 16 bytes").hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> PayloadKeys.parse("k1=not*base64!")).isInstanceOf(InvalidPayloadKeys.class)
                .hasMessageContaining("'k1' is not valid base64").hasMessageNotContaining("not*base64!");
        assertThatThrownBy(() -> PayloadKeys.parse("k1=" + B64 + "," + B64)).isInstanceOf(InvalidPayloadKeys.class)
                .hasMessageContaining("#2 must be written id=base64-key").hasMessageNotContaining(B64);
        assertThatThrownBy(() -> PayloadKeys.parse("k1=" + B64 + ",k1=" + B64)).isInstanceOf(InvalidPayloadKeys.class)
                .hasMessageContaining("'k1' is given twice");
        assertThatThrownBy(() -> PayloadKeys.parse("key one=" + B64)).isInstanceOf(InvalidPayloadKeys.class)
                .hasMessageContaining("#1 must be written id=base64-key, the id 1 to 32 letters");
        // a URL-safe key pasted without an id: its padding looks like 'id=', yet the key is never echoed
        String urlSafe = Base64.getUrlEncoder().encodeToString(KEY);
        assertThatThrownBy(() -> PayloadKeys.parse(urlSafe)).isInstanceOf(InvalidPayloadKeys.class)
                .hasMessageContaining("#1 must be written id=base64-key").hasMessageNotContaining(urlSafe.substring(0, 20));
    }

    @Test
    void aProcessThatWritesToTemporalNeedsAKey() {
        assertThatThrownBy(() -> PayloadEncryption.required("")).isInstanceOf(InvalidPayloadKeys.class)
                .hasMessageContaining("ivr.temporal.payload-keys (or IVR_PAYLOAD_KEYS) is not set");
        assertThatThrownBy(() -> PayloadEncryption.required("k1=abc")).isInstanceOf(InvalidPayloadKeys.class)
                .hasMessageStartingWith("ivr.temporal.payload-keys: payload key 'k1' decodes to 2 bytes");
        assertThat(PayloadEncryption.required("k1=" + B64).keys().ids()).containsExactly("k1");
    }

    @Test
    void keysNeverPrint() {
        PayloadKeys keys = PayloadKeys.parse("k1=" + B64);
        assertThat(keys.toString()).isEqualTo("PayloadKeys[k1]");
        assertThat(keys.keys().get(0).toString()).doesNotContain(B64);
    }
}

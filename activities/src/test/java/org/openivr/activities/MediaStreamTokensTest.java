package org.openivr.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MediaStreamTokensTest {
    private final MediaStreamTokens tokens = MediaStreamTokens.fromSecret("0123456789abcdefghijklmnopqrstuvwxyz");

    @Test
    void aCallsOwnTokenIsAcceptedAndIsTheSameEveryTimeItIsIssued() {
        String token = tokens.issue("call-1");
        assertThat(token).matches("[A-Za-z0-9_-]{43}").isEqualTo(tokens.issue("call-1"));
        assertThat(tokens.accepts("call-1", token)).isTrue();
    }

    @Test
    void anotherCallsTokenAnotherSecretsTokenAndGarbageAreRefused() {
        String token = tokens.issue("call-1");
        MediaStreamTokens other = MediaStreamTokens.fromSecret("another secret that is long enough, really");
        assertThat(tokens.accepts("call-2", token)).isFalse();
        assertThat(tokens.accepts("call-1", other.issue("call-1"))).isFalse();
        assertThat(tokens.accepts("call-1", token.substring(1))).isFalse();
        assertThat(tokens.accepts("call-1", "not base64url!")).isFalse();
        assertThat(tokens.accepts("call-1", "")).isFalse();
        assertThat(tokens.accepts("call-1", null)).isFalse();
    }

    @Test
    void aMissingOrShortSecretIsAStartupErrorThatSaysWhatToSet() {
        assertThatThrownBy(() -> MediaStreamTokens.fromSecret(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ivr.media.token-secret (IVR_MEDIA_TOKEN_SECRET) is not set");
        assertThatThrownBy(() -> MediaStreamTokens.fromSecret("short")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 32");
    }

    @Test
    void itsTextNeverShowsTheSecret() {
        assertThat(tokens.toString()).doesNotContain("0123456789abcdef");
    }
}

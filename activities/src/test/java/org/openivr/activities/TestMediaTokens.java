package org.openivr.activities;

/** The media token secret of this module's tests. */
final class TestMediaTokens {
    static final String SECRET = "test-secret-of-the-activities-module-0123456789";
    static final MediaStreamTokens TOKENS = MediaStreamTokens.fromSecret(SECRET);

    private TestMediaTokens() {}
}

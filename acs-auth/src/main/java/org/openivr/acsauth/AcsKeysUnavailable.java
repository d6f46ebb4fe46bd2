package org.openivr.acsauth;

/** The signing keys cannot be read now: not the caller's fault, so 503 (ACS retries 5xx). */
public final class AcsKeysUnavailable extends Exception {
    AcsKeysUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.openivr.acsauth;

/** The token is missing, malformed, forged, expired, or not for our resource: the request is refused (401). */
public final class InvalidAcsToken extends Exception {
    InvalidAcsToken(String message, Throwable cause) {
        super(message, cause);
    }
}

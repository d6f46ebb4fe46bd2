package org.openivr.api;

/** A callback for a call this platform is not running. Answered with 404; nothing is created. */
public class UnknownCall extends RuntimeException {
    public UnknownCall(String message) {
        super(message);
    }
}

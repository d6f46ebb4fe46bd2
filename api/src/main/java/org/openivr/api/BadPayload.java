package org.openivr.api;

/** A request body we cannot accept; the message tells the sender what is wrong. Answered with 400. */
public class BadPayload extends RuntimeException {
    public BadPayload(String message) {
        super(message);
    }
}

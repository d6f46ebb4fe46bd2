package org.openivr.workflows.payload;

/** The configured payload keys cannot be used; the message says which one and why, never the key itself. */
public final class InvalidPayloadKeys extends IllegalArgumentException {
    public InvalidPayloadKeys(String message) {
        super(message);
    }
}

package org.openivr.worker.media;

/** A media-streaming frame that cannot be read; the session counts it and skips it. */
public final class MalformedPacketException extends Exception {
    public MalformedPacketException(String message) {
        super(message, null, false, false);
    }
}

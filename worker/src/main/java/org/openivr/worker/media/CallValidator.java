package org.openivr.worker.media;

/** Decides whether a media stream may be accepted for a call id. */
public interface CallValidator {
    boolean isRunningCall(String callId);
}

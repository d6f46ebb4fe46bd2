package org.openivr.workflows;

/** Pause, resume or stop a recording. */
public record RecordingControl(String recordingId, Action action) {
    public enum Action { PAUSE, RESUME, STOP }
}

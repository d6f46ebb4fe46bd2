package org.openivr.workflows;

/** @param state as ACS returns it on start: usually {@code inactive}, becoming active a moment later */
public record RecordingStarted(String recordingId, String state) {}

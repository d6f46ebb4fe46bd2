package org.openivr.workflows.recording;

/** What a {@link RecordingWorkflow} is started with: the recording it takes care of. */
public record RecordingFilesInput(String recordingId) {}

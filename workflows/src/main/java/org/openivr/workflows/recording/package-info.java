/**
 * Recording files: when ACS reports a recording's files ready (Event Grid
 * {@code Microsoft.Communication.RecordingFileStatusUpdated}), the API signal-with-starts a
 * {@link org.openivr.workflows.recording.RecordingWorkflow} keyed by the recording id
 * ({@link org.openivr.workflows.recording.RecordingIds#workflowId}). The workflow stores every chunk's content
 * and metadata through {@link org.openivr.workflows.recording.RecordingFileActivities} and deletes the chunk at
 * the source only after the store confirmed it. File bytes never pass through workflow history: the activity
 * streams them from ACS to the store.
 */
package org.openivr.workflows.recording;

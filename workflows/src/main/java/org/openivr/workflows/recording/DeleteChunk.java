package org.openivr.workflows.recording;

/** Delete one stored chunk at the source ({@code DELETE deleteLocation}); a chunk already gone counts as deleted. */
public record DeleteChunk(String recordingId, int index, String deleteLocation) {}

package org.openivr.workflows.recording;

import java.util.List;
import java.util.Map;

/**
 * Where a recording's files stand: the result of a {@link RecordingWorkflow} and its query.
 *
 * @param stored          chunks stored, by index order
 * @param deletedAtSource indexes deleted at the source (always a subset of the stored ones)
 * @param pending         indexes announced but not yet stored
 * @param missingAtSource indexes the source no longer had and the store did not hold either: lost
 * @param failed          index -> why it could not be stored or deleted in time (it is left at the source)
 * @param duplicateEvents deliveries ignored because their event id, or all their chunks, were already known
 */
public record RecordingFilesReport(String recordingId, List<StoredChunk> stored, List<Integer> deletedAtSource,
                                   List<Integer> pending, List<Integer> missingAtSource, Map<Integer, String> failed,
                                   int duplicateEvents) {}

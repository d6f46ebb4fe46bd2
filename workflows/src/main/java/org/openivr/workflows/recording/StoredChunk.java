package org.openivr.workflows.recording;

/**
 * A chunk the store holds, content and metadata both written and confirmed.
 *
 * @param contentLocation  where the store put the media (a path or a blob URL)
 * @param metadataLocation where the store put the chunk's JSON metadata
 * @param alreadyStored    true when an earlier attempt had stored it and nothing was downloaded this time
 */
public record StoredChunk(int index, String documentId, String contentLocation, String contentType, long contentBytes,
                          String metadataLocation, long metadataBytes, boolean alreadyStored) {}

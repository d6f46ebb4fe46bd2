package org.openivr.workflows;

import java.util.List;

/**
 * Start recording a call. Names follow the flow language; the activity maps them to ACS.
 *
 * @param callId              names the step (with {@code operationContext}) for the repeatability id, and the
 *                            callback URI that receives RecordingStateChanged
 * @param content             {@code audio} or {@code audio-video}
 * @param channels            {@code mixed} or {@code unmixed}
 * @param format              {@code wav}, {@code mp3} or {@code mp4}
 * @param pauseOnStart        start paused
 * @param channelOrderRawIds  unmixed: participants in channel order (first = channel 0); may be empty
 * @param storageContainerUrl bring-your-own Azure Blob container URL, or null for ACS storage
 */
public record StartRecording(String callId, String serverCallId, String content, String channels, String format,
                             boolean pauseOnStart, List<String> channelOrderRawIds, String storageContainerUrl,
                             String operationContext) {}

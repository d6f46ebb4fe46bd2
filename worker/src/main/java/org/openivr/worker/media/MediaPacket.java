package org.openivr.worker.media;

/**
 * One inbound packet of an ACS media-streaming or transcription WebSocket (acs-wire §5.2, §5.4), as
 * {@link MediaPacketParser} reads it.
 */
public sealed interface MediaPacket {

    /**
     * {@code AudioMetadata}: sent once, first.
     *
     * @param sampleRate 16000 or 24000
     * @param length     bytes per audio packet (640 at 16 kHz, 960 at 24 kHz), 0 when absent
     */
    record AudioMetadata(String subscriptionId, String encoding, int sampleRate, int channels, int length)
            implements MediaPacket {}

    /**
     * {@code AudioData}: 20 ms of signed 16-bit little-endian mono PCM.
     *
     * @param timestamp   ISO-8601 as sent, or null
     * @param participant the speaker's raw id (unmixed), or null/empty (mixed)
     * @param samples     the decoded samples; {@code sampleCount} of them are valid
     * @param silent      ACS marks the frame as silence
     */
    record AudioData(String timestamp, String participant, short[] samples, int sampleCount, boolean silent)
            implements MediaPacket {}

    /** {@code DtmfData}: a key ACS detected itself (out of band), as a keypad character when recognizable. */
    record DtmfData(String digit, String timestamp, String participant) implements MediaPacket {}

    /** {@code TranscriptionMetadata}. */
    record TranscriptionMetadata(String subscriptionId, String locale, String callConnectionId,
                                 String correlationId) implements MediaPacket {}

    /**
     * {@code TranscriptionData}.
     *
     * @param offsetTicks   100 ns ticks as sent
     * @param durationTicks 100 ns ticks
     * @param finalResult   {@code resultStatus} is Final (case-insensitive)
     */
    record TranscriptionData(String text, double confidence, long offsetTicks, long durationTicks,
                             String participant, boolean finalResult) implements MediaPacket {}

    /** A well-formed packet of a kind this worker does not use (e.g. {@code StopAudio}); skipped, not an error. */
    record Other(String kind) implements MediaPacket {}
}

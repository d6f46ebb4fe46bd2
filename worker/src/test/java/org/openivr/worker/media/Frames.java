package org.openivr.worker.media;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** ACS-shaped JSON frames (acs-wire §5.2) for tests. */
final class Frames {
    private Frames() {}

    static String metadata(int rate) {
        return "{\"kind\":\"AudioMetadata\",\"audioMetadata\":{\"subscriptionId\":\"89e8cb59-b991-48b0-b154-1db84f16a077\","
                + "\"encoding\":\"PCM\",\"sampleRate\":" + rate + ",\"channels\":1,\"length\":" + (rate / 50 * 2) + "}}";
    }

    static String audio(short[] pcm, int from, int count, String participant, boolean silent) {
        byte[] bytes = new byte[count * 2];
        for (int i = 0; i < count; i++) {
            short s = pcm[from + i];
            bytes[2 * i] = (byte) s;
            bytes[2 * i + 1] = (byte) (s >> 8);
        }
        return "{\"kind\":\"AudioData\",\"audioData\":{\"timestamp\":\"" + Instant.EPOCH + "\","
                + (participant == null ? "" : "\"participantRawID\":\"" + participant + "\",")
                + "\"data\":\"" + Base64.getEncoder().encodeToString(bytes) + "\",\"silent\":" + silent + "}}";
    }

    /** The PCM as 20 ms AudioData frames. */
    static List<String> audio(short[] pcm, int rate, String participant) {
        int frame = rate / 50;
        List<String> out = new ArrayList<>();
        for (int i = 0; i + frame <= pcm.length; i += frame) {
            out.add(audio(pcm, i, frame, participant, false));
        }
        return out;
    }
}

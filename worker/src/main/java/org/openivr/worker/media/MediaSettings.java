package org.openivr.worker.media;

import java.util.Arrays;

/**
 * How audio becomes edges.
 *
 * @param speechStartFrames 20 ms speech frames in a row that start speech (3 = 60 ms)
 * @param speechEndMillis   silence after speech that ends it (the hangover)
 * @param silenceMillis     silence lengths to report, each once per silent stretch
 * @param maxParticipants   participants tracked per stream (unmixed audio names at most 4 dominant speakers at a
 *                          time; a stream that names more is counted and the extra participants' audio skipped)
 */
public record MediaSettings(int speechStartFrames, int speechEndMillis, int[] silenceMillis, int maxParticipants) {

    public MediaSettings {
        if (speechStartFrames < 1 || speechEndMillis < 20 || maxParticipants < 1) {
            throw new IllegalArgumentException("speechStartFrames >= 1, speechEndMillis >= 20, maxParticipants >= 1");
        }
        silenceMillis = silenceMillis == null ? new int[0] : silenceMillis.clone();
        Arrays.sort(silenceMillis);
    }

    public static MediaSettings defaults() {
        return new MediaSettings(3, 600, new int[] {1000, 3000, 5000}, 8);
    }

    int[] silenceFrames() {
        return Arrays.stream(silenceMillis).map(ms -> Math.max(1, ms / 20)).toArray();
    }
}

package org.openivr.worker.media;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ivr.media.*}: the streaming worker.
 *
 * @param speechStartMillis speech needed to start speech (rounded to 20 ms frames; default 60)
 * @param speechEndMillis   silence that ends speech (default 600)
 * @param silenceMillis     silence lengths reported as SILENCE edges (default 1000, 3000, 5000)
 * @param maxParticipants   participants tracked per stream (default 8)
 * @param signalLanes       sender threads (signals of one call share one; default 2)
 * @param signalQueue       queued signals per lane before new ones are dropped, counted and logged (default 10000)
 * @param requireAcsToken   refuse upgrades without ACS's {@code Authorization: Bearer} JWT (default false; a JWT
 *                          that is present is always verified, see {@link AcsTokenProperties})
 * @param maxTextMessageBytes largest text frame accepted (default 65536)
 * @param warmUpFrames      generated 20 ms frames run through the detectors before the first stream is accepted
 *                          (default {@value #WARM_UP_FRAMES}; 0: none), see {@link MediaPathWarmUp}
 */
@ConfigurationProperties("ivr.media")
public record MediaStreamingProperties(Integer speechStartMillis, Integer speechEndMillis, List<Integer> silenceMillis,
                                       Integer maxParticipants, Integer signalLanes, Integer signalQueue,
                                       Boolean requireAcsToken, Integer maxTextMessageBytes, Integer warmUpFrames) {
    public static final int WARM_UP_FRAMES = 15_000;

    MediaSettings settings() {
        MediaSettings d = MediaSettings.defaults();
        return new MediaSettings(
                speechStartMillis == null ? d.speechStartFrames() : Math.max(1, speechStartMillis / 20),
                speechEndMillis == null ? d.speechEndMillis() : speechEndMillis,
                silenceMillis == null ? d.silenceMillis() : silenceMillis.stream().mapToInt(Integer::intValue).toArray(),
                maxParticipants == null ? d.maxParticipants() : maxParticipants);
    }

    int lanes() {
        return signalLanes == null ? 2 : signalLanes;
    }

    int queue() {
        return signalQueue == null ? 10_000 : signalQueue;
    }

    boolean acsTokenRequired() {
        return requireAcsToken != null && requireAcsToken;
    }

    int warmUp() {
        if (warmUpFrames != null && warmUpFrames < 0) {
            throw new IllegalArgumentException("ivr.media.warm-up-frames must be 0 or more: " + warmUpFrames);
        }
        return warmUpFrames == null ? WARM_UP_FRAMES : warmUpFrames;
    }

    int maxText() {
        return maxTextMessageBytes == null ? 65_536 : maxTextMessageBytes;
    }
}

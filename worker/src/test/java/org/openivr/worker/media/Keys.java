package org.openivr.worker.media;

import java.util.ArrayList;
import java.util.List;

/** Runs a detector over PCM in 20 ms frames and collects what it reported. */
final class Keys implements KeyToneDetector.Listener {
    record Hit(char key, long start, long detectedAt, long end) {}

    final List<Hit> hits = new ArrayList<>();

    static Keys detect(int rate, short[] pcm) {
        Keys keys = new Keys();
        KeyToneDetector detector = new KeyToneDetector(rate, keys);
        int frame = rate / 50;
        for (int i = 0; i < pcm.length; i += frame) {
            detector.process(pcm, i, Math.min(frame, pcm.length - i));
        }
        detector.finish();
        return keys;
    }

    String digits() {
        StringBuilder b = new StringBuilder();
        hits.forEach(h -> b.append(h.key()));
        return b.toString();
    }

    @Override
    public void keyStarted(char key, long startSample, long detectedAtSample) {
        hits.add(new Hit(key, startSample, detectedAtSample, -1));
    }

    @Override
    public void keyEnded(char key, long startSample, long endSample) {
        for (int i = hits.size() - 1; i >= 0; i--) {
            Hit h = hits.get(i);
            if (h.key() == key && h.end() < 0) {
                hits.set(i, new Hit(key, h.start(), h.detectedAt(), endSample));
                return;
            }
        }
    }
}

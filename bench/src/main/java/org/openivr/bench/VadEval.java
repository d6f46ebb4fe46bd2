package org.openivr.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openivr.worker.media.SpeechTracker;

/**
 * Scores per-frame voice decisions against the corpus labels the way the product uses them: a
 * {@link SpeechTracker} (speech starts after 3 speech frames, ends after 10 non-speech frames) turns decisions into
 * segments [onset, last speech frame]; frame precision/recall/F1 are computed on those segments.
 */
final class VadEval {
    static final int START_FRAMES = 3;
    static final int HANGOVER_FRAMES = 10;

    record Score(double precision, double recall, double f1, int missed, int utterances, double falseStartsPerMin,
                 double onsetP50Ms, double onsetP95Ms) {}

    static Score score(boolean[] decisions, SpeechCorpus.Labelled labels) {
        int frames = Math.min(decisions.length, labels.speech().length);
        boolean[] state = new boolean[frames];
        List<long[]> starts = new ArrayList<>(); // {onset, detected}
        long[] open = {-1};
        SpeechTracker tracker = new SpeechTracker(START_FRAMES, HANGOVER_FRAMES, new int[0], new SpeechTracker.Listener() {
            @Override
            public void speechStarted(long onsetFrame, long detectedFrame) {
                starts.add(new long[] {onsetFrame, detectedFrame});
                open[0] = onsetFrame;
            }

            @Override
            public void speechEnded(long lastSpeechFrame, long detectedFrame) {
                for (long f = open[0]; f <= lastSpeechFrame && f < frames; f++) {
                    state[(int) f] = true;
                }
                open[0] = -1;
            }

            @Override
            public void silence(long silentFrames, long detectedFrame) {}
        });
        for (int f = 0; f < frames; f++) {
            tracker.frame(decisions[f]);
        }
        if (open[0] >= 0) {
            for (long f = open[0]; f < frames; f++) {
                state[(int) f] = true;
            }
        }
        long tp = 0, fp = 0, fn = 0;
        for (int f = 0; f < frames; f++) {
            boolean truth = labels.speech()[f];
            if (state[f] && truth) {
                tp++;
            } else if (state[f]) {
                fp++;
            } else if (truth) {
                fn++;
            }
        }
        double precision = tp / (double) Math.max(1, tp + fp);
        double recall = tp / (double) Math.max(1, tp + fn);
        double f1 = 2 * precision * recall / Math.max(1e-9, precision + recall);
        int missed = 0;
        List<Double> onsets = new ArrayList<>();
        for (int[] span : labels.utterances()) {
            boolean any = false;
            for (int f = span[0]; f <= span[1] && f < frames; f++) {
                any |= state[f];
            }
            if (!any) {
                missed++;
            }
            for (long[] s : starts) {
                if (s[1] >= span[0] && s[1] <= span[1]) {
                    onsets.add((s[1] + 1 - span[0]) * 20.0);
                    break;
                }
            }
        }
        int falseStarts = 0;
        for (long[] s : starts) {
            boolean inside = false;
            for (int[] span : labels.utterances()) {
                inside |= s[1] >= span[0] && s[0] <= span[1] + HANGOVER_FRAMES;
            }
            if (!inside) {
                falseStarts++;
            }
        }
        long nonSpeech = 0;
        for (int f = 0; f < frames; f++) {
            nonSpeech += labels.speech()[f] ? 0 : 1;
        }
        double[] sorted = onsets.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Score(precision, recall, f1, missed, labels.utterances().size(),
                falseStarts / Math.max(1e-9, nonSpeech * 0.02 / 60), percentile(sorted, 50), percentile(sorted, 95));
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static boolean[] ours(short[] pcm, int rate) {
        org.openivr.worker.media.VoiceActivityDetector vad = new org.openivr.worker.media.VoiceActivityDetector(rate);
        boolean[] out = new boolean[pcm.length / vad.frameLength()];
        int[] n = {0};
        vad.process(pcm, 0, out.length * vad.frameLength(), speech -> out[n[0]++] = speech);
        return out;
    }

    static boolean[] webrtc(short[] pcm, int rate, int mode) throws Exception {
        io.github.givimad.libfvadjni.VoiceActivityDetector.loadLibrary();
        try (io.github.givimad.libfvadjni.VoiceActivityDetector vad = io.github.givimad.libfvadjni.VoiceActivityDetector.newInstance()) {
            vad.setMode(io.github.givimad.libfvadjni.VoiceActivityDetector.Mode.values()[mode]);
            vad.setSampleRate(io.github.givimad.libfvadjni.VoiceActivityDetector.SampleRate.fromValue(rate));
            int frame = rate / 50;
            boolean[] out = new boolean[pcm.length / frame];
            for (int f = 0; f < out.length; f++) {
                out[f] = vad.process(Arrays.copyOfRange(pcm, f * frame, (f + 1) * frame));
            }
            return out;
        }
    }
}

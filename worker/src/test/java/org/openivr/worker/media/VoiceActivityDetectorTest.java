package org.openivr.worker.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The VAD on synthetic voiced speech (harmonics under formants, syllable envelopes) in white noise. The accuracy
 * against TTS speech is measured by the harness (docs/benchmarks.md); these guard the behaviour deterministically.
 */
class VoiceActivityDetectorTest {

    /** Six 1.2 s "utterances" of syllables with 1–2 s of noise between; returns the PCM and per-frame labels. */
    private static Object[] corpus(int rate, double noiseDbfs, long seed) {
        Synth s = new Synth(rate, seed);
        List<int[]> spans = new ArrayList<>();
        s.silence(1500);
        for (int u = 0; u < 6; u++) {
            int from = s.length() / (rate / 50);
            for (int syllable = 0; syllable < 6; syllable++) {
                double f0 = 100 + s.random.nextDouble() * 120;
                s.voice(160 + s.random.nextDouble() * 60, -26, f0, f0 * (0.9 + 0.2 * s.random.nextDouble()),
                        300 + s.random.nextDouble() * 500, 1000 + s.random.nextDouble() * 1200);
                s.silence(20);
            }
            spans.add(new int[] {from, s.length() / (rate / 50)});
            s.silence(1000 + s.random.nextDouble() * 1000);
        }
        if (noiseDbfs > -200) {
            s.noise(noiseDbfs);
        }
        return new Object[] {s.pcm(), spans};
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @ValueSource(ints = {16000, 24000})
    void findsEveryUtteranceAndNothingElseInCleanAudioAndAt5dB(int rate) {
        for (double snr : new double[] {99, 10, 5}) {
            // Speech RMS is about -26 dBFS while voiced; white noise at that minus the SNR.
            Object[] c = corpus(rate, snr >= 99 ? -999 : -26 - snr, (long) snr);
            short[] pcm = (short[]) c[0];
            List<int[]> spans = (List<int[]>) c[1];
            List<long[]> segments = new ArrayList<>();
            SpeechTracker tracker = new SpeechTracker(3, 15, new int[0], new SpeechTracker.Listener() {
                @Override
                public void speechStarted(long onsetFrame, long detectedFrame) {
                    segments.add(new long[] {onsetFrame, detectedFrame, -1});
                }

                @Override
                public void speechEnded(long lastSpeechFrame, long detectedFrame) {
                    segments.get(segments.size() - 1)[2] = lastSpeechFrame;
                }

                @Override
                public void silence(long silentFrames, long detectedFrame) {}
            });
            VoiceActivityDetector vad = new VoiceActivityDetector(rate);
            int frame = rate / 50;
            for (int i = 0; i + frame <= pcm.length; i += frame) {
                vad.process(pcm, i, frame, tracker::frame);
            }
            assertThat(segments).as("one speech segment per utterance at %s dB", snr).hasSize(spans.size());
            for (int i = 0; i < spans.size(); i++) {
                long[] seg = segments.get(i);
                int[] span = spans.get(i);
                assertThat((seg[1] - span[0]) * 20).as("start latency, %s dB", snr).isBetween(40L, 200L);
                assertThat(Math.abs(seg[0] - span[0]) * 20).as("onset, %s dB", snr).isLessThanOrEqualTo(100L);
                assertThat(Math.abs(seg[2] - span[1]) * 20).as("end, %s dB", snr).isLessThanOrEqualTo(240L);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {16000, 24000})
    void steadyNoiseAndSilenceAreNotSpeech(int rate) {
        for (double noise : new double[] {-999, -60, -40, -25}) {
            Synth s = new Synth(rate, 5).silence(20_000);
            if (noise > -200) {
                s.noise(noise);
            }
            short[] pcm = s.pcm();
            int[] starts = {0};
            SpeechTracker tracker = new SpeechTracker(3, 30, new int[0], new SpeechTracker.Listener() {
                @Override
                public void speechStarted(long onsetFrame, long detectedFrame) {
                    starts[0]++;
                }

                @Override
                public void speechEnded(long lastSpeechFrame, long detectedFrame) {}

                @Override
                public void silence(long silentFrames, long detectedFrame) {}
            });
            VoiceActivityDetector vad = new VoiceActivityDetector(rate);
            vad.process(pcm, 0, pcm.length, tracker::frame);
            assertThat(starts[0]).as("false starts in 20 s of noise at %s dBFS", noise).isZero();
        }
    }
}

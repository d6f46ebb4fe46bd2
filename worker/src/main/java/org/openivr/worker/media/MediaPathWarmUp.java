package org.openivr.worker.media;

import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.openivr.workflows.AudioSignal;

/**
 * Runs the media path (packet parse, key tones, voice activity, edges) over generated ACS frames before the worker
 * accepts streams, so the first calls meet compiled detectors.
 *
 * <p>Why: a cold JVM that meets hundreds of real-time streams at once runs the detectors in the interpreter, at several
 * times their compiled cost, on every core; the JIT's compiler threads then get too little CPU to ever catch up. In
 * the loopback load driver ({@code bench/load.sh 30 600}, docs/benchmarks.md) three of five runs on a cold JVM never
 * recovered: 220 µs of CPU per frame instead of 47, a third of the frames delivered, and the FFT of the voice activity
 * detector never compiled in 40 s. A worker restarted during a deployment, with calls streaming to it at once, is that
 * cold JVM.
 *
 * <p>The audio: all sixteen keys, harmonic speech-like sound with gliding pitch, line noise, quiet and ACS's
 * {@code "silent"} frames, at 16 and 24 kHz, mixed and per participant, so every branch the calls take is compiled
 * with its real type profiles. Edges go to a counter, never to a call.
 */
public final class MediaPathWarmUp {
    /** Frames of one stream's programme: 10 s of audio. */
    static final int PROGRAMME_FRAMES = 500;
    private static final String WARM_UP = "(warm-up)";

    /** What a warm-up did: frames fed, edges the detectors found, by kind, and how long it took. */
    public record Result(int frames, Map<AudioSignal.Kind, Integer> signals, long millis) {
        public int signals(AudioSignal.Kind kind) {
            return signals.getOrDefault(kind, 0);
        }
    }

    private MediaPathWarmUp() {}

    /** Feeds {@code frames} 20 ms frames, spread over streams at 16 kHz (mixed and per participant) and 24 kHz. */
    public static Result run(MediaSettings settings, int frames) {
        long start = System.nanoTime();
        Map<AudioSignal.Kind, Integer> found = new EnumMap<>(AudioSignal.Kind.class);
        AudioSignalSink counter = (callId, signal) -> found.merge(signal.kind(), 1, Integer::sum);
        Stream[] streams = {
                new Stream(16000, null, 1), new Stream(16000, "4:+15551230001", 2), new Stream(24000, null, 3)};
        int fed = 0;
        while (fed < frames) {
            for (Stream stream : streams) {
                MediaStreamSession session = new MediaStreamSession(WARM_UP, settings, counter, false);
                session.onText(stream.metadata);
                for (int f = 0; f < PROGRAMME_FRAMES && fed < frames; f++, fed++) {
                    session.onText(stream.frames.get(f));
                }
                session.close();
                if (fed >= frames) {
                    break;
                }
            }
        }
        return new Result(fed, Map.copyOf(found), (System.nanoTime() - start) / 1_000_000);
    }

    /** One stream's metadata and its programme as ACS AudioData frames. */
    private static final class Stream {
        final String metadata;
        final List<String> frames = new ArrayList<>(PROGRAMME_FRAMES);

        Stream(int rate, String participant, long seed) {
            int n = rate / 50;
            metadata = "{\"kind\":\"AudioMetadata\",\"audioMetadata\":{\"subscriptionId\":\"warm-up\","
                    + "\"encoding\":\"PCM\",\"sampleRate\":" + rate + ",\"channels\":1,\"length\":" + n * 2 + "}}";
            short[] pcm = programme(rate, new Random(seed));
            byte[] bytes = new byte[n * 2];
            String who = participant == null ? "" : "\"participantRawID\":\"" + participant + "\",";
            for (int f = 0; f < PROGRAMME_FRAMES; f++) {
                boolean silent = f / 50 == 5 && f % 2 == 0; // ACS's "silent" frames: no data at all
                String data = "";
                if (!silent) {
                    for (int i = 0; i < n; i++) {
                        short s = pcm[f * n + i];
                        bytes[2 * i] = (byte) s;
                        bytes[2 * i + 1] = (byte) (s >> 8);
                    }
                    data = Base64.getEncoder().encodeToString(bytes);
                }
                frames.add("{\"kind\":\"AudioData\",\"audioData\":{\"timestamp\":\"2026-01-01T00:00:00.000Z\"," + who
                        + "\"data\":\"" + data + "\",\"silent\":" + silent + "}}");
            }
        }

        /** 10 s: keys (0-2 s), speech-like sound in light noise (2-5 s), silence (5-6 s), noise and bursts (6-10 s). */
        private static short[] programme(int rate, Random random) {
            double[] x = new double[PROGRAMME_FRAMES * rate / 50];
            int second = rate;
            int keyLength = rate * 60 / 1000;
            for (int k = 0; k < 16; k++) {
                double row = KeyToneDetector.ROWS[k / 4];
                double col = KeyToneDetector.COLS[k % 4];
                int from = k * 2 * keyLength;
                for (int i = 0; i < keyLength; i++) {
                    double t = (double) i / rate;
                    x[from + i] = 10_000 * Math.sin(2 * Math.PI * row * t) + 8_000 * Math.sin(2 * Math.PI * col * t);
                }
            }
            speech(x, 2 * second, 5 * second, rate, 3_000, random);
            for (int burst = 6 * second; burst < 10 * second; burst += second) {
                speech(x, burst, burst + rate * 400 / 1000, rate, 2_000, random);
            }
            short[] out = new short[x.length];
            for (int i = 0; i < x.length; i++) {
                boolean quiet = i >= 5 * second && i < 6 * second;
                double noise = quiet ? 0 : random.nextGaussian() * (i < 6 * second ? 30 : 150);
                out[i] = (short) Math.max(-32768, Math.min(32767, Math.round(x[i] + noise)));
            }
            return out;
        }

        /** Harmonics of a pitch gliding between 100 and 250 Hz, in syllables of about 200 ms. */
        private static void speech(double[] x, int from, int to, int rate, double level, Random random) {
            double phase = 0;
            double f0 = 100 + 150 * random.nextDouble();
            for (int i = from; i < to; i++) {
                double t = (double) (i - from) / rate;
                f0 += (random.nextDouble() - 0.5) * 0.5;
                f0 = Math.max(100, Math.min(250, f0));
                phase += 2 * Math.PI * f0 / rate;
                double syllable = Math.max(0, Math.sin(2 * Math.PI * 2.5 * t));
                double v = 0;
                for (int h = 1; h * f0 < 3400; h++) {
                    v += Math.sin(h * phase) / h;
                }
                x[i] += level * syllable * v;
            }
        }
    }
}

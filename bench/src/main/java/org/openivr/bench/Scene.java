package org.openivr.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A test signal described in continuous time (tone pairs, harmonic "voices", silences, noise), rendered at any
 * sample rate: the same scene at 8, 16 and 24 kHz is the same sound, so every detector hears the same audio at
 * its own rate. Deterministic for a given seed.
 */
final class Scene {
    static final String KEYPAD = "123A456B789C*0#D";
    static final double[] ROWS = {697, 770, 852, 941};
    static final double[] COLS = {1209, 1336, 1477, 1633};

    /** One sound: [start, start+length) seconds. */
    private sealed interface Part permits Tones, Voice {}

    private record Tones(double start, double length, double f1, double a1, double p1, double f2, double a2, double p2)
            implements Part {}

    /** Harmonics of an F0 gliding from f0a to f0b, shaped by two formants, with a sine envelope, at this RMS. */
    private record Voice(double start, double length, double f0a, double f0b, double formant1, double formant2,
                         double rms, double[] phases) implements Part {}

    /** An expected key: where its tone starts (seconds), and a label to group results by. */
    record Expected(char key, double start, double length, String group) {}

    private String group = "";

    /** Labels the keys added from now on. */
    Scene group(String label) {
        this.group = label;
        return this;
    }

    final Random random;
    private final List<Part> parts = new ArrayList<>();
    final List<Expected> expected = new ArrayList<>();
    private double cursor;
    private double bandNoiseRms; // linear, 0 = none
    private double whiteNoiseRms;
    private short[] external; // pre-recorded audio at externalRate, mixed in
    private int externalRate;

    Scene(long seed) {
        this.random = new Random(seed);
    }

    static double amplitude(double dbfsPeak) {
        return 32767 * Math.pow(10, dbfsPeak / 20);
    }

    static double row(char key) {
        return ROWS[KEYPAD.indexOf(key) / 4];
    }

    static double col(char key) {
        return COLS[KEYPAD.indexOf(key) % 4];
    }

    double duration() {
        return cursor;
    }

    Scene silence(double ms) {
        cursor += ms / 1000;
        return this;
    }

    Scene tones(double f1, double db1, double f2, double db2, double ms) {
        parts.add(new Tones(cursor, ms / 1000, f1, amplitude(db1), random.nextDouble() * 2 * Math.PI, f2, amplitude(db2),
                random.nextDouble() * 2 * Math.PI));
        cursor += ms / 1000;
        return this;
    }

    /** A key, low tone at {@code dbfs} peak, high tone at dbfs + twist, each tone scaled in frequency. */
    Scene key(char key, double dbfs, double twist, double ms, double rowScale, double colScale) {
        expected.add(new Expected(key, cursor, ms / 1000, group));
        return tones(row(key) * rowScale, dbfs, col(key) * colScale, dbfs + twist, ms);
    }

    Scene key(char key, double dbfs, double twist, double ms) {
        return key(key, dbfs, twist, ms, 1, 1);
    }

    Scene voice(double ms, double rmsDbfs, double f0a, double f0b, double formant1, double formant2) {
        double[] phases = new double[64];
        for (int i = 0; i < phases.length; i++) {
            phases[i] = random.nextDouble() * 2 * Math.PI;
        }
        parts.add(new Voice(cursor, ms / 1000, f0a, f0b, formant1, formant2, 32767 * Math.pow(10, rmsDbfs / 20), phases));
        cursor += ms / 1000;
        return this;
    }

    /** 300–3400 Hz Gaussian noise of this RMS (dBFS re a full-scale peak) over the whole scene. */
    Scene bandNoise(double rmsDbfs) {
        bandNoiseRms = 32767 * Math.pow(10, rmsDbfs / 20);
        return this;
    }

    /** Full-band white Gaussian noise of this RMS over the whole scene. */
    Scene whiteNoise(double rmsDbfs) {
        whiteNoiseRms = 32767 * Math.pow(10, rmsDbfs / 20);
        return this;
    }

    /** Pre-recorded audio (at {@code rate}) mixed in from time 0; only rendered at that rate. */
    Scene external(short[] pcm, int rate) {
        this.external = pcm;
        this.externalRate = rate;
        cursor = Math.max(cursor, (double) pcm.length / rate);
        return this;
    }

    short[] render(int rate) {
        int n = (int) Math.ceil(cursor * rate);
        double[] y = new double[n];
        for (Part part : parts) {
            if (part instanceof Tones t) {
                int from = (int) Math.round(t.start() * rate);
                int count = (int) Math.round(t.length() * rate);
                double w1 = 2 * Math.PI * t.f1() / rate;
                double w2 = 2 * Math.PI * t.f2() / rate;
                for (int i = 0; i < count && from + i < n; i++) {
                    y[from + i] += t.a1() * Math.sin(w1 * i + t.p1()) + t.a2() * Math.sin(w2 * i + t.p2());
                }
            } else if (part instanceof Voice v) {
                renderVoice(v, y, rate);
            }
        }
        if (external != null) {
            if (externalRate != rate) {
                throw new IllegalStateException("external audio is at " + externalRate + " Hz, not " + rate);
            }
            for (int i = 0; i < Math.min(n, external.length); i++) {
                y[i] += external[i];
            }
        }
        Random noise = new Random(random.nextLong() ^ rate);
        if (bandNoiseRms > 0) {
            double[] band = Filters.bandNoise(n, rate, 300, 3400, noise);
            for (int i = 0; i < n; i++) {
                y[i] += bandNoiseRms * band[i];
            }
        }
        if (whiteNoiseRms > 0) {
            for (int i = 0; i < n; i++) {
                y[i] += whiteNoiseRms * noise.nextGaussian();
            }
        }
        short[] pcm = new short[n];
        for (int i = 0; i < n; i++) {
            pcm[i] = (short) Math.max(-32768, Math.min(32767, Math.round(y[i])));
        }
        return pcm;
    }

    private static void renderVoice(Voice v, double[] y, int rate) {
        int from = (int) Math.round(v.start() * rate);
        int count = (int) Math.round(v.length() * rate);
        double[] seg = new double[count];
        double phase = 0;
        int harmonics = (int) Math.min(63, 3400 / Math.min(v.f0a(), v.f0b()));
        double[] gains = new double[harmonics + 1];
        double power = 0;
        for (int i = 0; i < count; i++) {
            double t = (double) i / count;
            double f0 = v.f0a() + (v.f0b() - v.f0a()) * t;
            phase += 2 * Math.PI * f0 / rate;
            if (i % 32 == 0) {
                for (int k = 1; k <= harmonics; k++) {
                    double f = k * f0;
                    gains[k] = f >= 3400 ? 0 : 1 / (1 + Math.pow((f - v.formant1()) / 120, 2))
                            + 0.6 / (1 + Math.pow((f - v.formant2()) / 180, 2));
                }
            }
            double s = 0;
            for (int k = 1; k <= harmonics; k++) {
                if (gains[k] > 1e-3) {
                    s += gains[k] * Math.sin(k * phase + v.phases()[k]);
                }
            }
            seg[i] = s * Math.sin(Math.PI * t);
            power += seg[i] * seg[i];
        }
        double scale = v.rms() / Math.sqrt(power / Math.max(1, count));
        for (int i = 0; i < count && from + i < y.length; i++) {
            y[from + i] += seg[i] * scale;
        }
    }
}

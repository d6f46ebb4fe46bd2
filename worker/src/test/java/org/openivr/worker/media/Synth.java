package org.openivr.worker.media;

import java.util.Arrays;
import java.util.Random;

/** Test signals: key-tone bursts, gaps, noise, harmonic "speech". Deterministic for a given seed. */
final class Synth {
    static final String KEYPAD = "123A456B789C*0#D";

    final int rate;
    final Random random;
    private short[] out = new short[1024];
    private double[] acc = new double[1024];
    private int length;

    Synth(int rate, long seed) {
        this.rate = rate;
        this.random = new Random(seed);
    }

    static double rowOf(char key) {
        return KeyToneDetector.ROWS[KEYPAD.indexOf(key) / 4];
    }

    static double colOf(char key) {
        return KeyToneDetector.COLS[KEYPAD.indexOf(key) % 4];
    }

    static double amplitude(double dbfsPeak) {
        return 32767 * Math.pow(10, dbfsPeak / 20);
    }

    int samples(double ms) {
        return (int) Math.round(ms * rate / 1000);
    }

    private void ensure(int extra) {
        if (length + extra > acc.length) {
            acc = Arrays.copyOf(acc, Math.max(acc.length * 2, length + extra));
        }
    }

    Synth silence(double ms) {
        int n = samples(ms);
        ensure(n);
        length += n;
        return this;
    }

    /** Two sinusoids with random phases. */
    Synth tones(double f1, double db1, double f2, double db2, double ms) {
        int n = samples(ms);
        ensure(n);
        double a1 = amplitude(db1);
        double a2 = amplitude(db2);
        double p1 = random.nextDouble() * 2 * Math.PI;
        double p2 = random.nextDouble() * 2 * Math.PI;
        for (int i = 0; i < n; i++) {
            acc[length + i] += a1 * Math.sin(2 * Math.PI * f1 * i / rate + p1) + a2 * Math.sin(2 * Math.PI * f2 * i / rate + p2);
        }
        length += n;
        return this;
    }

    /** A key at {@code dbfs} per tone (high tone at dbfs + twist). */
    Synth key(char key, double dbfs, double twist, double ms) {
        return tones(rowOf(key), dbfs, colOf(key), dbfs + twist, ms);
    }

    /** White Gaussian noise with this RMS (dBFS, full-scale sine = 0 dB... here RMS relative to 32767) over everything so far. */
    Synth noise(double rmsDbfs) {
        double sigma = 32767 * Math.pow(10, rmsDbfs / 20);
        for (int i = 0; i < length; i++) {
            acc[i] += sigma * random.nextGaussian();
        }
        return this;
    }

    /** Gaussian noise band-limited to lo..hi Hz (windowed-sinc FIR), scaled to this RMS, over everything so far. */
    Synth bandNoise(double rmsDbfs, double lo, double hi) {
        int taps = 129;
        double[] h = new double[taps];
        for (int i = 0; i < taps; i++) {
            double m = i - (taps - 1) / 2.0;
            double w = 0.54 - 0.46 * Math.cos(2 * Math.PI * i / (taps - 1));
            h[i] = w * (sinc(2 * hi / rate, m) - sinc(2 * lo / rate, m));
        }
        double[] white = new double[length + taps];
        for (int i = 0; i < white.length; i++) {
            white[i] = random.nextGaussian();
        }
        double[] band = new double[length];
        double power = 0;
        for (int i = 0; i < length; i++) {
            double y = 0;
            for (int j = 0; j < taps; j++) {
                y += h[j] * white[i + j];
            }
            band[i] = y;
            power += y * y;
        }
        double scale = 32767 * Math.pow(10, rmsDbfs / 20) / Math.sqrt(power / Math.max(1, length));
        for (int i = 0; i < length; i++) {
            acc[i] += band[i] * scale;
        }
        return this;
    }

    private static double sinc(double fc, double m) {
        return m == 0 ? fc : Math.sin(Math.PI * fc * m) / (Math.PI * m);
    }

    /**
     * A voiced, speech-like sound: harmonics of a gliding F0 shaped by two formants, with a syllable envelope,
     * at this RMS (dBFS).
     */
    Synth voice(double ms, double rmsDbfs, double f0From, double f0To, double formant1, double formant2) {
        int n = samples(ms);
        ensure(n);
        double phase = 0;
        double[] v = new double[n];
        double power = 0;
        double[] harmonicPhase = new double[64];
        for (int k = 0; k < harmonicPhase.length; k++) {
            harmonicPhase[k] = random.nextDouble() * 2 * Math.PI;
        }
        for (int i = 0; i < n; i++) {
            double t = (double) i / n;
            double f0 = f0From + (f0To - f0From) * t;
            phase += 2 * Math.PI * f0 / rate;
            double y = 0;
            for (int k = 1; k * f0 < 3400 && k < 64; k++) {
                double f = k * f0;
                double g = 1 / (1 + Math.pow((f - formant1) / 120, 2)) + 0.6 / (1 + Math.pow((f - formant2) / 180, 2));
                y += g * Math.sin(k * phase + harmonicPhase[k]);
            }
            double envelope = Math.sin(Math.PI * t);
            v[i] = y * envelope;
            power += v[i] * v[i];
        }
        double scale = 32767 * Math.pow(10, rmsDbfs / 20) / Math.sqrt(power / Math.max(1, n));
        for (int i = 0; i < n; i++) {
            acc[length + i] += v[i] * scale;
        }
        length += n;
        return this;
    }

    short[] pcm() {
        short[] pcm = new short[length];
        for (int i = 0; i < length; i++) {
            pcm[i] = (short) Math.max(-32768, Math.min(32767, Math.round(acc[i])));
        }
        return pcm;
    }

    int length() {
        return length;
    }
}

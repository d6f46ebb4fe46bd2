package org.openivr.bench;

import java.util.Random;

/** Small DSP helpers for the corpus: band-limited noise, RMS. */
final class Filters {
    private Filters() {}

    /** Unit-RMS Gaussian noise band-limited to lo..hi Hz by a 129-tap Hamming-windowed sinc FIR. */
    static double[] bandNoise(int n, int rate, double lo, double hi, Random random) {
        int taps = 129;
        double[] h = new double[taps];
        for (int i = 0; i < taps; i++) {
            double m = i - (taps - 1) / 2.0;
            double w = 0.54 - 0.46 * Math.cos(2 * Math.PI * i / (taps - 1));
            h[i] = w * (sinc(2 * hi / rate, m) - sinc(2 * lo / rate, m));
        }
        double[] white = new double[n + taps];
        for (int i = 0; i < white.length; i++) {
            white[i] = random.nextGaussian();
        }
        double[] out = new double[n];
        double power = 0;
        for (int i = 0; i < n; i++) {
            double y = 0;
            for (int j = 0; j < taps; j++) {
                y += h[j] * white[i + j];
            }
            out[i] = y;
            power += y * y;
        }
        double scale = 1 / Math.sqrt(power / Math.max(1, n));
        for (int i = 0; i < n; i++) {
            out[i] *= scale;
        }
        return out;
    }

    private static double sinc(double fc, double m) {
        return m == 0 ? fc : Math.sin(Math.PI * fc * m) / (Math.PI * m);
    }

    static double rms(short[] pcm, int from, int to) {
        double p = 0;
        for (int i = from; i < to; i++) {
            p += (double) pcm[i] * pcm[i];
        }
        return Math.sqrt(p / Math.max(1, to - from));
    }
}

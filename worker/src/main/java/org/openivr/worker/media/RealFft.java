package org.openivr.worker.media;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Power spectrum of a real frame at n frequencies (n a power of two) through one complex FFT of n/2 points
 * (the even/odd packing trick). Tables are built once per size and shared; an instance is not thread-safe (its
 * scratch arrays).
 */
final class RealFft {
    private static final Map<Integer, Tables> BY_SIZE = new ConcurrentHashMap<>();

    private final int n;
    private final int m;
    private final double[] cosM;
    private final double[] sinM;
    private final double[] cosN;
    private final double[] sinN;
    private final int[] reverse;
    private final double[] re;
    private final double[] im;

    RealFft(int n) {
        if (Integer.bitCount(n) != 1 || n < 8) { // n/2 >= 4 complex points: the first pass is radix-4
            throw new IllegalArgumentException("size must be a power of two >= 8: " + n);
        }
        this.n = n;
        this.m = n / 2;
        Tables tables = BY_SIZE.computeIfAbsent(n, Tables::new);
        cosM = tables.cosM;
        sinM = tables.sinM;
        cosN = tables.cosN;
        sinN = tables.sinN;
        reverse = tables.reverse;
        re = new double[m];
        im = new double[m];
    }

    /**
     * Twiddles and the bit-reversal permutation, computed once per size and never written after: every stream's
     * detector shares them (about 3.5 KB at 512 points), so hundreds of streams do not push each other's copies out
     * of the processor's caches.
     */
    private static final class Tables {
        final double[] cosM;
        final double[] sinM;
        final double[] cosN;
        final double[] sinN;
        final int[] reverse;

        Tables(int n) {
            int m = n / 2;
            cosM = new double[m / 2];
            sinM = new double[m / 2];
            for (int i = 0; i < m / 2; i++) {
                cosM[i] = Math.cos(2 * Math.PI * i / m);
                sinM[i] = -Math.sin(2 * Math.PI * i / m);
            }
            cosN = new double[m];
            sinN = new double[m];
            for (int k = 0; k < m; k++) {
                cosN[k] = Math.cos(2 * Math.PI * k / n);
                sinN[k] = -Math.sin(2 * Math.PI * k / n);
            }
            reverse = new int[m];
            int bits = Integer.numberOfTrailingZeros(m);
            for (int i = 0; i < m; i++) {
                reverse[i] = Integer.reverse(i) >>> (32 - bits);
            }
        }
    }

    int size() {
        return n;
    }

    /**
     * |X(e^{j2πk/n})|² for k in [from, to): the spectrum of the first {@code length} samples of {@code x} at n
     * evenly spaced frequencies. A frame shorter than n is zero-padded; a longer one is folded (sample t adds into
     * t mod n), which gives exactly those n frequencies of its longer transform, so a 320-sample frame needs a
     * 256-point transform for 62.5 Hz bins, not a 512-point one.
     */
    void power(double[] x, int length, double[] out, int from, int to) {
        int whole = Math.min(length, n) / 2; // pairs of samples inside the first n
        for (int i = 0; i < whole; i++) {
            int j = reverse[i];
            re[j] = x[2 * i];
            im[j] = x[2 * i + 1];
        }
        for (int i = whole; i < m; i++) {
            int j = reverse[i];
            re[j] = 2 * i < length ? x[2 * i] : 0;
            im[j] = 0;
        }
        for (int t = n; t < length; t++) { // the samples past n, folded onto the first n
            int j = reverse[(t % n) / 2];
            if ((t & 1) == 0) {
                re[j] += x[t];
            } else {
                im[j] += x[t];
            }
        }
        // The first two stages have the twiddles 1 and −j: one radix-4 pass without multiplications. Most butterflies
        // of a radix-2 pass over 2- and 4-point groups would be loop overhead.
        for (int p = 0; p < m; p += 4) {
            double ar = re[p] + re[p + 1];
            double ai = im[p] + im[p + 1];
            double br = re[p] - re[p + 1];
            double bi = im[p] - im[p + 1];
            double cr = re[p + 2] + re[p + 3];
            double ci = im[p + 2] + im[p + 3];
            double dr = re[p + 2] - re[p + 3];
            double di = im[p + 2] - im[p + 3];
            re[p] = ar + cr;
            im[p] = ai + ci;
            re[p + 2] = ar - cr;
            im[p + 2] = ai - ci;
            re[p + 1] = br + di; // b + (−j)·d
            im[p + 1] = bi - dr;
            re[p + 3] = br - di;
            im[p + 3] = bi + dr;
        }
        for (int size = 8; size <= m; size <<= 1) {
            int half = size >> 1;
            int step = m / size;
            // Twiddle outside: each is loaded once per stage, not once per butterfly.
            for (int k = 0; k < half; k++) {
                double wr = cosM[k * step];
                double wi = sinM[k * step];
                for (int p = k; p < m; p += size) {
                    int q = p + half;
                    double tr = re[q] * wr - im[q] * wi;
                    double ti = re[q] * wi + im[q] * wr;
                    re[q] = re[p] - tr;
                    im[q] = im[p] - ti;
                    re[p] += tr;
                    im[p] += ti;
                }
            }
        }
        for (int k = from; k < to; k++) {
            int mk = k == 0 ? 0 : m - k;
            double zr = re[k % m];
            double zi = im[k % m];
            double cr = re[mk];
            double ci = -im[mk];
            double er = (zr + cr) / 2; // even part
            double ei = (zi + ci) / 2;
            double orr = (zi - ci) / 2; // odd part = (Z − conj)/(2j)
            double oi = -(zr - cr) / 2;
            double wr = cosN[k];
            double wi = sinN[k];
            double xr = er + orr * wr - oi * wi;
            double xi = ei + orr * wi + oi * wr;
            out[k - from] = xr * xr + xi * xi;
        }
    }
}

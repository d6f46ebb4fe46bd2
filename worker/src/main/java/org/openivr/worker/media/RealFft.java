package org.openivr.worker.media;

/**
 * Power spectrum of a real frame of {@code n} samples (n a power of two) through one complex FFT of n/2 points
 * (the even/odd packing trick). Tables are built once; not thread-safe (scratch arrays).
 */
final class RealFft {
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
        if (Integer.bitCount(n) != 1 || n < 8) {
            throw new IllegalArgumentException("size must be a power of two >= 8: " + n);
        }
        this.n = n;
        this.m = n / 2;
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
        re = new double[m];
        im = new double[m];
    }

    int size() {
        return n;
    }

    /** |X[k]|² for k in [from, to) of the n-point DFT of {@code x} (zero-padded past its length). */
    void power(double[] x, int length, double[] out, int from, int to) {
        for (int i = 0; i < m; i++) {
            int j = reverse[i];
            int a = 2 * i;
            re[j] = a < length ? x[a] : 0;
            im[j] = a + 1 < length ? x[a + 1] : 0;
        }
        for (int size = 2; size <= m; size <<= 1) {
            int half = size >> 1;
            int step = m / size;
            for (int start = 0; start < m; start += size) {
                for (int k = 0; k < half; k++) {
                    double wr = cosM[k * step];
                    double wi = sinM[k * step];
                    int p = start + k;
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

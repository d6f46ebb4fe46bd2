package org.openivr.worker.media;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-band key-tone (DTMF) detector for 16 or 24 kHz PCM, built to the AT&T column of ITU-T Q.24
 * (audio-dsp-notes §0, §1): accept tones within ±1.5 % at −3…−28 dBFS peak with twist −8…+4 dB lasting
 * 40 ms; reject tones ≥ 3.5 % off, ≤ 23 ms long or ≤ −58 dBFS; never split a digit on a 10 ms dropout,
 * always separate two digits by a 40 ms pause. Measured against spandsp on the same audio by the accuracy
 * harness ({@code bench/accuracy.sh}, docs/benchmarks.md). Written from the specification; no code of spandsp,
 * Asterisk or FreeSWITCH was used.
 *
 * <h2>How</h2>
 * The signal is cut into 5 ms sub-blocks (80 samples at 16 kHz, 120 at 24 kHz). For each sub-block the
 * complex DFT coefficient at the eight key frequencies is computed (correlation with precomputed tables),
 * together with the sub-block's energy. Every sub-block, the last four (a 20 ms window) are analysed:
 * <ol>
 *   <li><b>duration</b>: every one of the four sub-blocks holds at least half the window's mean energy. A
 *       silent or half-covered sub-block fails the window, so a "hit" means 20 ms of continuous tone;</li>
 *   <li>coherent sum of the four coefficients per frequency (a 20 ms DFT, 50 Hz bins): the strongest row
 *       and the strongest column, and every other frequency of each group at least {@value #RELATIVE_PEAK_DB} dB
 *       below its group's strongest;</li>
 *   <li><b>frequency</b>: the phase advance of the chosen row and column coefficient from one sub-block to the
 *       next measures each tone's real frequency (±100 Hz unambiguous, about 1 Hz precise at 15 dB SNR), after
 *       removing the other tone's known leakage into the 5 ms coefficient: each must be within
 *       {@value #FREQUENCY_TOLERANCE} of nominal. A 12.75 ms Goertzel block cannot tell 1.5 % from 3.5 % at
 *       697 Hz (notes §1.4); the phase can;</li>
 *   <li>level and twist on each tone's frequency-corrected coherent energy (so a tone 1.5 % off does not lose
 *       3.5 dB at 1633 Hz), and the two tones' share ({@value #MIN_TONE_SHARE}) of the window's energy less the
 *       line's steady background (a slowly rising minimum), so stationary noise does not count against a key
 *       while speech does.</li>
 * </ol>
 * A key starts after 3 consecutive hits of the same pair (6 valid sub-blocks: 30 ms of tone; a 23 ms tone
 * covers at most 5 such sub-blocks, a 40 ms one at least 7) whose tones hold their frequency (speech harmonics
 * glide: the stronger tone may drift {@value #MAX_DRIFT_HZ} Hz, the weaker {@value #MAX_WEAK_DRIFT_HZ} Hz, more in
 * noise), and ends after {@value #MISSES_TO_END} consecutive windows without it (a 10 ms dropout spoils at most
 * 6 windows, a 40 ms pause at least 10). Start latency is 30–35 ms of audio after onset.
 *
 * <p>Not thread-safe: one per participant stream.
 */
public final class KeyToneDetector {

    /** Receives key edges; sample positions count from the first sample given to the detector. */
    public interface Listener {
        /** A key began; {@code startSample} is where its tone began (5 ms resolution). */
        void keyStarted(char key, long startSample, long detectedAtSample);

        /** The key's tone ended at {@code endSample}. */
        default void keyEnded(char key, long startSample, long endSample) {}
    }

    static final double[] ROWS = {697, 770, 852, 941};
    static final double[] COLS = {1209, 1336, 1477, 1633};
    static final char[] KEYS = {'1', '2', '3', 'A', '4', '5', '6', 'B', '7', '8', '9', 'C', '*', '0', '#', 'D'};

    static final int WINDOW_BLOCKS = 4;
    static final int HITS_TO_START = 3;
    static final int MISSES_TO_END = 8;
    static final double RELATIVE_PEAK_DB = 8.0;
    static final double FREQUENCY_TOLERANCE = 0.025;
    /** Per-tone minimum, dBFS peak: 10 dB under the weakest operate tone with −8 dB twist, 12 dB over reject. */
    static final double MIN_LEVEL_DBFS = -46.0;
    static final double MAX_NORMAL_TWIST_DB = 9.5;  // column weaker than row (−8 dB accepted with margin)
    static final double MAX_REVERSE_TWIST_DB = 5.0; // column stronger than row
    static final double MIN_TONE_SHARE = 0.90;
    /**
     * A key's tones hold still while speech glides: over the hits that start a key, the stronger tone's measured
     * frequency may drift this much (Hz), the weaker one's {@link #MAX_WEAK_DRIFT_HZ} (its estimate is noisier).
     */
    static final double MAX_DRIFT_HZ = 2.5;
    static final double MAX_WEAK_DRIFT_HZ = 6.0;
    /** Extra drift allowed per unit of sqrt(residual energy / tone energy) in the window (noise). */
    static final double DRIFT_PER_RESIDUAL = 3.0;
    static final double MIN_BLOCK_SHARE = 0.5;
    /** Per 5 ms, how fast the background estimate may rise (about 1.7 dB per second). */
    static final double FLOOR_RISE = 1.002;

    private final int sampleRate;
    private final int block;
    private final Listener listener;
    // Tables, shared by every detector of one sample rate (see Tables).
    private final float[][] cos;
    private final float[][] sin;
    private final double[][] alignRe;
    private final double[][] alignIm;
    private final double[] freq;
    private final double[][] leakRe;
    private final double[][] leakIm;
    private final double minTonePower;
    /**
     * Below this window energy no pair can pass the level check, and below {@link #quietBlock} a sub-block spoils
     * every window that holds it; both skip work on quiet audio without changing a single decision (see
     * {@link #analyseBlock}).
     */
    private final double quietWindow;
    private final double quietBlock;

    // Ring of the last WINDOW_BLOCKS sub-blocks.
    private final double[][] re = new double[8][WINDOW_BLOCKS];
    private final double[][] im = new double[8][WINDOW_BLOCKS];
    private final double[] energy = new double[WINDOW_BLOCKS];
    private long blocks; // sub-blocks analysed so far

    private final float[] pending;
    private int pendingCount;

    // Debounce state.
    private int current = -1;
    private long currentStart;
    private long lastHitEnd;
    private int misses;
    private int candidate = -1;
    private int candidateHits;

    // Scratch for the window analysis.
    private final double[] power = new double[8];
    private final double[] zRe = new double[WINDOW_BLOCKS];
    private final double[] zIm = new double[WINDOW_BLOCKS];
    private final double[] cRe = new double[WINDOW_BLOCKS];
    private final double[] cIm = new double[WINDOW_BLOCKS];
    private double lastOffsetHz;
    private double rowOffsetHz;
    private double colOffsetHz;
    private double candidateRowOffset;
    private double candidateColOffset;
    private boolean rowStronger;
    private double lastCleanPower;
    private double floor = Double.MAX_VALUE;
    private double driftSlack;

    public KeyToneDetector(int sampleRate, Listener listener) {
        if (sampleRate % 200 != 0 || sampleRate < 8000) {
            throw new IllegalArgumentException("sample rate must be a multiple of 200 Hz and >= 8000: " + sampleRate);
        }
        this.sampleRate = sampleRate;
        this.block = sampleRate / 200;
        this.listener = listener;
        this.pending = new float[block];
        Tables tables = Tables.of(sampleRate);
        this.cos = tables.cos;
        this.sin = tables.sin;
        this.alignRe = tables.alignRe;
        this.alignIm = tables.alignIm;
        this.freq = tables.freq;
        this.leakRe = tables.leakRe;
        this.leakIm = tables.leakIm;
        this.minTonePower = tables.minTonePower;
        this.quietWindow = tables.quietWindow;
        this.quietBlock = tables.quietBlock;
    }

    /**
     * What depends on the sample rate only, computed once per rate and never written after: hundreds of streams then
     * share about 6 KB of tables instead of each holding its own copy, which kept them out of the processor's caches.
     */
    private static final class Tables {
        private static final Map<Integer, Tables> BY_RATE = new ConcurrentHashMap<>();

        /** cos/sin of ω_k·i for i < block, per frequency. */
        final float[][] cos = new float[8][];
        final float[][] sin = new float[8][];
        /** e^{−jω_k·block·j}, j < WINDOW_BLOCKS: re-aligns sub-block j's local phase to the window's start. */
        final double[][] alignRe = new double[8][WINDOW_BLOCKS];
        final double[][] alignIm = new double[8][WINDOW_BLOCKS];
        final double[] freq = new double[8];
        /**
         * leakRe/leakIm[s][w]: what a tone at frequency s adds to a sub-block's coefficient at frequency w, per
         * unit of its own coefficient (Σ_i e^{j(ω_s−ω_w)i} / block). A −8 dB tone 268 Hz from a strong one would
         * otherwise carry half the strong tone's amplitude in its 5 ms coefficient, enough to spoil its measured
         * frequency.
         */
        final double[][] leakRe = new double[8][8];
        final double[][] leakIm = new double[8][8];
        final double minTonePower;
        final double quietWindow;
        final double quietBlock;

        static Tables of(int sampleRate) {
            return BY_RATE.computeIfAbsent(sampleRate, Tables::new);
        }

        private Tables(int sampleRate) {
            int block = sampleRate / 200;
            for (int k = 0; k < 8; k++) {
                freq[k] = k < 4 ? ROWS[k] : COLS[k - 4];
                double w = 2 * Math.PI * freq[k] / sampleRate;
                cos[k] = new float[block];
                sin[k] = new float[block];
                for (int i = 0; i < block; i++) {
                    cos[k][i] = (float) Math.cos(w * i);
                    sin[k][i] = (float) Math.sin(w * i);
                }
                for (int j = 0; j < WINDOW_BLOCKS; j++) {
                    alignRe[k][j] = Math.cos(-w * block * j);
                    alignIm[k][j] = Math.sin(-w * block * j);
                }
            }
            for (int a = 0; a < 8; a++) {
                for (int b = 0; b < 8; b++) {
                    double d = 2 * Math.PI * (freq[a] - freq[b]) / sampleRate;
                    double lr = 0;
                    double li = 0;
                    for (int i = 0; i < block; i++) {
                        lr += Math.cos(d * i);
                        li += Math.sin(d * i);
                    }
                    leakRe[a][b] = lr / block;
                    leakIm[a][b] = li / block;
                }
            }
            double minAmplitude = 32768 * Math.pow(10, MIN_LEVEL_DBFS / 20);
            // Coherent energy of a sinusoid of amplitude a over N samples is a²N/2.
            minTonePower = minAmplitude * minAmplitude * block * WINDOW_BLOCKS / 2;
            // A tone's leakage-corrected coefficient is at most (1 + L) times what the window's energy allows (Cauchy-
            // Schwarz per sub-block, L the largest leakage between a row and a column frequency), so its level is at
            // most 2(1 + L)² times the window's energy. 1 % of margin covers float rounding.
            double leak = 0;
            for (int r = 0; r < 4; r++) {
                for (int c = 4; c < 8; c++) {
                    leak = Math.max(leak, Math.max(Math.hypot(leakRe[r][c], leakIm[r][c]),
                            Math.hypot(leakRe[c][r], leakIm[c][r])));
                }
            }
            quietWindow = minTonePower / (2 * (1 + leak) * (1 + leak)) / 1.01;
            // A sub-block under an eighth of a window below quietWindow is either in a window below it, or under half
            // its window's mean block energy (the duration check).
            quietBlock = quietWindow * MIN_BLOCK_SHARE / WINDOW_BLOCKS;
        }
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** Samples seen so far. */
    public long position() {
        return blocks * block + pendingCount;
    }

    /**
     * Whether a key tone is sounding or about to be confirmed (a key, or hits of a candidate pair): lets voice
     * activity detection ignore key tones.
     */
    public boolean toneActive() {
        return current >= 0 || candidateHits > 0;
    }

    /** Feeds samples; key edges go to the listener as they are decided. */
    public void process(short[] samples, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            int n = Math.min(block - pendingCount, end - i);
            for (int j = 0; j < n; j++) {
                pending[pendingCount + j] = samples[i + j];
            }
            pendingCount += n;
            i += n;
            if (pendingCount == block) {
                analyseBlock();
                pendingCount = 0;
            }
        }
    }

    /** The stream ended: a key still sounding ends here. */
    public void finish() {
        if (current >= 0 && listener != null) {
            listener.keyEnded(KEYS[current], currentStart, lastHitEnd);
        }
        current = -1;
    }

    private void analyseBlock() {
        int slot = (int) (blocks % WINDOW_BLOCKS);
        float[] x = pending;
        double e = 0;
        for (int i = 0; i < block; i++) {
            e += x[i] * x[i];
        }
        energy[slot] = e;
        if (e < quietBlock) {
            // No window holding this sub-block gets past the energy checks in window(), which run before any
            // coefficient is read: the eight correlations (most of this detector's cost) are not needed.
            for (int k = 0; k < 8; k++) {
                re[k][slot] = 0;
                im[k][slot] = 0;
            }
        } else {
            // Four frequencies per pass over the samples: eight independent sums keep the processor busy where two
            // would wait on each addition in turn. Each sum still adds its terms in the same order, so every
            // coefficient, and every decision, is exactly what one frequency at a time gives.
            for (int k = 0; k < 8; k += 4) {
                float[] c0 = cos[k];
                float[] c1 = cos[k + 1];
                float[] c2 = cos[k + 2];
                float[] c3 = cos[k + 3];
                float[] s0 = sin[k];
                float[] s1 = sin[k + 1];
                float[] s2 = sin[k + 2];
                float[] s3 = sin[k + 3];
                float r0 = 0, r1 = 0, r2 = 0, r3 = 0;
                float q0 = 0, q1 = 0, q2 = 0, q3 = 0;
                for (int i = 0; i < block; i++) {
                    float v = x[i];
                    r0 += v * c0[i];
                    q0 -= v * s0[i];
                    r1 += v * c1[i];
                    q1 -= v * s1[i];
                    r2 += v * c2[i];
                    q2 -= v * s2[i];
                    r3 += v * c3[i];
                    q3 -= v * s3[i];
                }
                re[k][slot] = r0;
                im[k][slot] = q0;
                re[k + 1][slot] = r1;
                im[k + 1][slot] = q1;
                re[k + 2][slot] = r2;
                im[k + 2][slot] = q2;
                re[k + 3][slot] = r3;
                im[k + 3][slot] = q3;
            }
        }
        blocks++;
        if (blocks >= WINDOW_BLOCKS) {
            debounce(window());
        }
    }

    /** Analyses the last WINDOW_BLOCKS sub-blocks: the pair index (row*4+col), or -1. */
    private int window() {
        int oldest = (int) (blocks % WINDOW_BLOCKS); // the ring slot of the window's first sub-block
        double total = 0;
        double minBlock = Double.MAX_VALUE;
        for (int j = 0; j < WINDOW_BLOCKS; j++) {
            total += energy[j];
            minBlock = Math.min(minBlock, energy[j]);
        }
        // The line's steady background (minimum window energy, allowed to rise slowly): stationary noise is not
        // counted against the tones' share, so keys survive noise as well as the reference design does.
        floor = total < floor ? total : Math.max(floor * FLOOR_RISE, 1e-9);
        if (total < quietWindow || minBlock < MIN_BLOCK_SHARE * total / WINDOW_BLOCKS) {
            return -1;
        }
        for (int k = 0; k < 8; k++) {
            double sr = 0;
            double si = 0;
            for (int j = 0; j < WINDOW_BLOCKS; j++) {
                int s = (oldest + j) % WINDOW_BLOCKS;
                double ar = alignRe[k][j];
                double ai = alignIm[k][j];
                sr += re[k][s] * ar - im[k][s] * ai;
                si += re[k][s] * ai + im[k][s] * ar;
            }
            power[k] = sr * sr + si * si;
        }
        int row = strongest(0);
        int col = strongest(4);
        if (row < 0 || col < 0) {
            return -1;
        }
        double rowPower = correctedPower(row, col, oldest);
        if (Double.isNaN(rowPower)) {
            return -1;
        }
        rowOffsetHz = lastOffsetHz;
        double rowClean = lastCleanPower;
        double colPower = correctedPower(col, row, oldest);
        if (Double.isNaN(colPower)) {
            return -1;
        }
        colOffsetHz = lastOffsetHz;
        double colClean = lastCleanPower;
        rowStronger = rowPower >= colPower;
        // From |X|² to the energy of the sinusoid over the window: 2|X|²/N.
        double n = block * WINDOW_BLOCKS;
        // Level and twist on each tone alone (the other's leakage removed); the share on the raw coefficients.
        double rowAlone = 2 * rowClean / n;
        double colAlone = 2 * colClean / n;
        if (rowAlone < minTonePower || colAlone < minTonePower) {
            return -1;
        }
        if (colAlone * Math.pow(10, MAX_NORMAL_TWIST_DB / 10) < rowAlone
                || rowAlone * Math.pow(10, MAX_REVERSE_TWIST_DB / 10) < colAlone) {
            return -1;
        }
        double rowEnergy = 2 * rowPower / n;
        double colEnergy = 2 * colPower / n;
        if (rowEnergy + colEnergy < MIN_TONE_SHARE * (total - Math.min(floor, total))) {
            return -1;
        }
        // Phase noise grows as the tones' share of the window falls: so does the drift a key's tones may show.
        driftSlack = DRIFT_PER_RESIDUAL * Math.sqrt(Math.max(0, total - rowEnergy - colEnergy) / (rowEnergy + colEnergy));
        return row * 4 + (col - 4);
    }

    private static final double RELATIVE_PEAK = Math.pow(10, -RELATIVE_PEAK_DB / 10);

    /** The strongest frequency of the group starting at {@code first}, or -1 if another is within the relative peak. */
    private int strongest(int first) {
        int best = first;
        for (int k = first + 1; k < first + 4; k++) {
            if (power[k] > power[best]) {
                best = k;
            }
        }
        double limit = power[best] * RELATIVE_PEAK;
        for (int k = first; k < first + 4; k++) {
            if (k != best && power[k] > limit) {
                return -1;
            }
        }
        return best;
    }

    /**
     * The frequency check and the frequency-corrected coherent power of tone {@code k} over the window, or NaN
     * when the tone's measured frequency is more than the tolerance off nominal.
     */
    private double correctedPower(int k, int other, int oldest) {
        double kr = leakRe[other][k];
        double ki = leakIm[other][k];
        for (int j = 0; j < WINDOW_BLOCKS; j++) {
            int s = (oldest + j) % WINDOW_BLOCKS;
            double ar = alignRe[k][j];
            double ai = alignIm[k][j];
            double xr = re[k][s];
            double xi = im[k][s];
            zRe[j] = xr * ar - xi * ai;
            zIm[j] = xr * ai + xi * ar;
            // For the frequency estimate: the sub-block coefficient less the other tone's leakage into it.
            xr -= re[other][s] * kr - im[other][s] * ki;
            xi -= re[other][s] * ki + im[other][s] * kr;
            cRe[j] = xr * ar - xi * ai;
            cIm[j] = xr * ai + xi * ar;
        }
        double ar = 0;
        double ai = 0;
        for (int j = 1; j < WINDOW_BLOCKS; j++) { // Σ c_j · conj(c_{j-1})
            ar += cRe[j] * cRe[j - 1] + cIm[j] * cIm[j - 1];
            ai += cIm[j] * cRe[j - 1] - cRe[j] * cIm[j - 1];
        }
        double phase = Math.atan2(ai, ar); // radians per sub-block
        double offsetHz = phase * sampleRate / (2 * Math.PI * block);
        lastOffsetHz = offsetHz;
        if (Math.abs(offsetHz) > FREQUENCY_TOLERANCE * freq[k]) {
            return Double.NaN;
        }
        // The coherent power at the measured frequency, on the raw coefficients: the window's total energy holds
        // the two tones' beat, and so does the raw coefficient's leakage, so the tones' share stays honest.
        double cr = Math.cos(phase);
        double ci = -Math.sin(phase);
        double rr = 1;
        double ri = 0;
        double sr = 0;
        double si = 0;
        double kr2 = 0;
        double ki2 = 0;
        for (int j = 0; j < WINDOW_BLOCKS; j++) { // Σ z_j · e^{−j·phase·j}, raw and cleaned
            sr += zRe[j] * rr - zIm[j] * ri;
            si += zRe[j] * ri + zIm[j] * rr;
            kr2 += cRe[j] * rr - cIm[j] * ri;
            ki2 += cRe[j] * ri + cIm[j] * rr;
            double t = rr * cr - ri * ci;
            ri = rr * ci + ri * cr;
            rr = t;
        }
        lastCleanPower = kr2 * kr2 + ki2 * ki2;
        return sr * sr + si * si;
    }

    /** Counts consecutive hits of one pair whose tones hold their frequency; a gliding pair (speech) starts over. */
    private void track(int hit) {
        if (hit >= 0 && hit == candidate
                && Math.abs(rowOffsetHz - candidateRowOffset) <= (rowStronger ? MAX_DRIFT_HZ : MAX_WEAK_DRIFT_HZ) + driftSlack
                && Math.abs(colOffsetHz - candidateColOffset) <= (rowStronger ? MAX_WEAK_DRIFT_HZ : MAX_DRIFT_HZ) + driftSlack) {
            candidateHits++;
        } else {
            candidate = hit;
            candidateHits = hit >= 0 ? 1 : 0;
            candidateRowOffset = rowOffsetHz;
            candidateColOffset = colOffsetHz;
        }
    }

    private void debounce(int hit) {
        long windowEnd = blocks * block;
        if (current < 0) {
            track(hit);
            if (candidateHits >= HITS_TO_START) {
                start(candidate, windowEnd);
            }
            return;
        }
        if (hit == current) {
            misses = 0;
            lastHitEnd = windowEnd;
            candidate = -1;
            candidateHits = 0;
            return;
        }
        misses++;
        track(hit);
        if (candidateHits >= HITS_TO_START) { // another key without a pause: end this one, start that one
            end();
            start(candidate, windowEnd);
        } else if (misses >= MISSES_TO_END) {
            end();
        }
    }

    private void start(int pair, long windowEnd) {
        current = pair;
        misses = 0;
        lastHitEnd = windowEnd;
        currentStart = Math.max(0, windowEnd - (long) (WINDOW_BLOCKS + HITS_TO_START - 1) * block);
        candidate = -1;
        candidateHits = 0;
        if (listener != null) {
            listener.keyStarted(KEYS[pair], currentStart, windowEnd);
        }
    }

    private void end() {
        if (listener != null) {
            listener.keyEnded(KEYS[current], currentStart, lastHitEnd);
        }
        current = -1;
        misses = 0;
    }
}

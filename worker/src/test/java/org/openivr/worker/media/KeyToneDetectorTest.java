package org.openivr.worker.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Q.24 (AT&T column) numbers of audio-dsp-notes §0, each on synthesized tones with random phase and
 * random alignment to the detector's blocks, at 16 and 24 kHz. Deterministic: fixed seeds.
 */
class KeyToneDetectorTest {

    private static String detect(int rate, Synth synth) {
        return Keys.detect(rate, synth.pcm()).digits();
    }

    @ParameterizedTest
    @ValueSource(ints = {16000, 24000})
    void acceptsAll16KeysAcrossLevelTwistAndDeviationAt40msOn40msOff(int rate) {
        int configurations = 0;
        for (double level : new double[] {-3, -10, -20, -28}) {
            for (double twist : new double[] {-8, -4, 0, 4}) {
                for (double deviation : new double[] {-0.015, 0, 0.015}) {
                    Synth s = new Synth(rate, configurations++);
                    s.silence(7 + s.random.nextDouble() * 10);
                    for (char key : Synth.KEYPAD.toCharArray()) {
                        // The louder tone at `level`, the other |twist| below; deviation on the row for even keys,
                        // on the column for odd ones.
                        double row = level - Math.max(twist, 0);
                        double col = row + twist;
                        boolean onRow = Synth.KEYPAD.indexOf(key) % 2 == 0;
                        s.tones(Synth.rowOf(key) * (onRow ? 1 + deviation : 1), row,
                                Synth.colOf(key) * (onRow ? 1 : 1 + deviation), col, 40).silence(40);
                    }
                    assertThat(detect(rate, s)).as("level %s twist %s deviation %s", level, twist, deviation)
                            .isEqualTo(Synth.KEYPAD);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {16000, 24000})
    void rejectsEitherToneOffBy3point5PercentOrMore(int rate) {
        for (double deviation : new double[] {-0.06, -0.045, -0.035, 0.035, 0.045, 0.06}) {
            for (boolean onRow : new boolean[] {true, false}) {
                Synth s = new Synth(rate, (long) (deviation * 1000) + (onRow ? 1 : 2));
                s.silence(10);
                for (char key : Synth.KEYPAD.toCharArray()) {
                    s.tones(Synth.rowOf(key) * (onRow ? 1 + deviation : 1), -10,
                            Synth.colOf(key) * (onRow ? 1 : 1 + deviation), -10, 80).silence(60);
                }
                assertThat(detect(rate, s)).as("deviation %s on %s", deviation, onRow ? "row" : "column").isEmpty();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {16000, 24000})
    void rejectsTonesOf23msOrLess(int rate) {
        for (double ms : new double[] {10, 15, 20, 23}) {
            Synth s = new Synth(rate, (long) ms);
            for (int i = 0; i < 160; i++) {
                s.silence(40 + s.random.nextDouble() * 5).key(Synth.KEYPAD.charAt(i % 16), -10, 0, ms);
            }
            s.silence(100);
            assertThat(detect(rate, s)).as("%s ms", ms).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {16000, 24000})
    void rejectsTonesAtMinus58dBFSOrLess(int rate) {
        for (double level : new double[] {-58, -62, -70}) {
            Synth s = new Synth(rate, (long) -level);
            for (char key : Synth.KEYPAD.toCharArray()) {
                s.silence(40).key(key, level, 0, 100);
            }
            s.silence(100);
            assertThat(detect(rate, s)).as("%s dBFS", level).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {16000, 24000})
    void rejectsTwistBeyondTheLimits(int rate) {
        for (double twist : new double[] {-14, -12, 8, 10}) {
            Synth s = new Synth(rate, (long) twist + 100);
            for (char key : Synth.KEYPAD.toCharArray()) {
                s.silence(40).key(key, twist > 0 ? -16 : -6, twist, 80);
            }
            s.silence(100);
            assertThat(detect(rate, s)).as("twist %s dB", twist).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {16000, 24000})
    void aPauseOf40msAlwaysSeparatesTheSameKeyPressedTwice(int rate) {
        Synth s = new Synth(rate, 40);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            char key = Synth.KEYPAD.charAt(i % 16);
            s.silence(40 + s.random.nextDouble() * 5).key(key, -12, 0, 45).silence(40).key(key, -12, 0, 45);
            expected.append(key).append(key);
        }
        s.silence(100);
        assertThat(detect(rate, s)).isEqualTo(expected.toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {16000, 24000})
    void aDropoutOf10msNeverSplitsAKey(int rate) {
        Synth s = new Synth(rate, 10);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            char key = Synth.KEYPAD.charAt(i % 16);
            s.silence(50 + s.random.nextDouble() * 5).key(key, -12, 0, 30 + s.random.nextDouble() * 20)
                    .silence(10).key(key, -12, 0, 30 + s.random.nextDouble() * 20);
            expected.append(key);
        }
        s.silence(100);
        assertThat(detect(rate, s)).isEqualTo(expected.toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {16000, 24000})
    void keepsUpWithTenKeysPerSecond(int rate) {
        Synth s = new Synth(rate, 93);
        StringBuilder expected = new StringBuilder();
        s.silence(20);
        for (int i = 0; i < 100; i++) {
            char key = Synth.KEYPAD.charAt((i * 7) % 16);
            s.key(key, -15, -2, 50).silence(43); // 93 ms per key
            expected.append(key);
        }
        s.silence(100);
        assertThat(detect(rate, s)).isEqualTo(expected.toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {16000, 24000})
    void detectsAtLeast999of1000BurstsAt15dBSignalToNoise(int rate) {
        Synth s = new Synth(rate, 15);
        StringBuilder expected = new StringBuilder();
        double level = -20;
        for (int i = 0; i < 1000; i++) {
            char key = Synth.KEYPAD.charAt(i % 16);
            s.silence(45 + s.random.nextDouble() * 10).key(key, level, 0, 50);
            expected.append(key);
        }
        s.silence(100);
        // Per-tone power versus the power of 300–3400 Hz white noise: 15 dB. A tone's RMS is its peak − 3 dB.
        s.bandNoise(level - 3 - 15, 300, 3400);
        String got = detect(rate, s);
        int errors = editDistance(got, expected.toString());
        assertThat(errors).as("errors in 1000 bursts").isLessThanOrEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {16000, 24000})
    void speechLikeHarmonicSoundsGiveAtMostOneKeyIn100Seconds(int rate) {
        // Adversarial "sung vowels": two narrow formants can isolate two harmonics of a steady F0 that sit on a key's
        // pair (F0 134 Hz: harmonics 7 and 9 are 941 and 1209 Hz, the '*' key). The harness compares the rate with
        // spandsp's on 30 minutes of such audio; here it guards against regressions.
        Synth s = new Synth(rate, 7);
        for (int i = 0; i < 400; i++) { // about 100 s of vowels
            double f0 = 90 + s.random.nextDouble() * 200;
            s.voice(100 + s.random.nextDouble() * 300, -20 + s.random.nextDouble() * 10, f0, f0 * (0.8 + 0.4 * s.random.nextDouble()),
                    300 + s.random.nextDouble() * 700, 900 + s.random.nextDouble() * 1600);
            s.silence(s.random.nextDouble() * 40);
        }
        assertThat(detect(rate, s).length()).isLessThanOrEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {16000, 24000})
    void reportsAKeyWithin45msOfItsOnsetAndItsEndWithin40ms(int rate) {
        for (int i = 0; i < 50; i++) {
            Synth s = new Synth(rate, i);
            double lead = 100 + s.random.nextDouble() * 20;
            char key = Synth.KEYPAD.charAt(i % 16);
            s.silence(lead).key(key, -10, 0, 80).silence(100);
            Keys keys = Keys.detect(rate, s.pcm());
            assertThat(keys.digits()).isEqualTo(String.valueOf(key));
            Keys.Hit hit = keys.hits.get(0);
            double onset = lead * rate / 1000;
            assertThat((hit.detectedAt() - onset) * 1000.0 / rate).isBetween(0.0, 45.0);
            assertThat(Math.abs(hit.start() - onset) * 1000.0 / rate).isLessThanOrEqualTo(10.0);
        }
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}

package org.openivr.worker.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RealFftTest {

    @Test
    void powerSpectrumMatchesTheDefinitionOfTheDftForEverySizePaddingAndFolding() {
        Random random = new Random(7);
        for (int n : new int[] {8, 16, 64, 512}) {
            // Shorter than n (zero-padded), n, longer (folded: 320 samples into 256 points), and more than twice n.
            for (int length : new int[] {n, n * 5 / 8, 3, n * 5 / 4, n * 2 + 3}) {
                double[] x = new double[length];
                for (int i = 0; i < length; i++) {
                    x[i] = random.nextGaussian() * 1000;
                }
                double[] power = new double[n / 2];
                new RealFft(n).power(x, length, power, 0, n / 2);
                // The definition: the frame's own transform, at the n frequencies 2πk/n.
                for (int k = 0; k < n / 2; k++) {
                    double re = 0;
                    double im = 0;
                    for (int i = 0; i < length; i++) {
                        re += x[i] * Math.cos(2 * Math.PI * k * i / n);
                        im -= x[i] * Math.sin(2 * Math.PI * k * i / n);
                    }
                    double expected = re * re + im * im;
                    assertThat(power[k]).as("n=%d length=%d bin %d", n, length, k)
                            .isCloseTo(expected, within(1e-9 * Math.max(1, expected) + 1e-6));
                }
            }
        }
    }
}

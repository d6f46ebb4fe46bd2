package org.openivr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The caller's synthesized stream audio: key tones as a keypad sends them, speech-like sound, noise, silence. */
class StreamAudioTest {
  private static final long MS = 1_000_000L;

  /** Power of {@code f} in {@code x} as the amplitude of a sinusoid (a plain DFT bin). */
  static double amplitude(short[] x, int rate, double f) {
    double re = 0;
    double im = 0;
    for (int i = 0; i < x.length; i++) {
      re += x[i] * Math.cos(2 * Math.PI * f * i / rate);
      im -= x[i] * Math.sin(2 * Math.PI * f * i / rate);
    }
    return 2 * Math.hypot(re, im) / x.length;
  }

  static double dbfs(double amplitude) {
    return 20 * Math.log10(amplitude / 32767);
  }

  @ParameterizedTest
  @ValueSource(ints = {16000, 24000})
  void keysAreTonePairsAtKeypadLevelsWithPositiveTwist(int rate) {
    StreamAudio audio = new StreamAudio(rate, 7);
    String[] tones = {"one", "five", "nine", "pound", "asterisk", "zero", "d"};
    double[][] pairs = {{697, 1209}, {770, 1336}, {852, 1477}, {941, 1477}, {941, 1209}, {941, 1336}, {941, 1633}};
    for (int k = 0; k < tones.length; k++) {
      long start = k * 300 * MS;
      audio.key(tones[k], start, 100 * MS);
      short[] frame = new short[rate / 25]; // the middle 40 ms of the tone
      assertThat(audio.render(start + 30 * MS, frame, null)).isTrue();
      double low = dbfs(amplitude(frame, rate, pairs[k][0]));
      double high = dbfs(amplitude(frame, rate, pairs[k][1]));
      assertThat(low).as(tones[k] + " low tone").isBetween(-17.0, -9.0);
      assertThat(high - low).as(tones[k] + " twist").isBetween(-0.5, 3.5);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {16000, 24000})
  void silenceIsDigitalSilenceAndNoiseHasItsLevel(int rate) {
    StreamAudio audio = new StreamAudio(rate, 8);
    short[] frame = new short[rate / 50];
    assertThat(audio.render(0, frame, null)).isFalse();
    assertThat(frame).containsOnly((short) 0);
    assertThat(audio.render(20 * MS, frame, -40.0)).isTrue();
    double p = 0;
    for (short s : frame) {
      p += (double) s * s;
    }
    assertThat(20 * Math.log10(Math.sqrt(p / frame.length) / 32767)).isBetween(-41.5, -38.5);
  }

  @ParameterizedTest
  @ValueSource(ints = {16000, 24000})
  void speechIsVoicedAndFades(int rate) {
    StreamAudio audio = new StreamAudio(rate, 9);
    audio.speech(0, 1000 * MS);
    short[] frame = new short[rate / 50];
    double loudest = 0;
    for (long t = 0; t < 1000 * MS; t += 20 * MS) {
      audio.render(t, frame, null);
      double p = 0;
      for (short s : frame) {
        p += (double) s * s;
      }
      loudest = Math.max(loudest, Math.sqrt(p / frame.length));
    }
    assertThat(dbfs(loudest)).isBetween(-35.0, -12.0);
    assertThat(audio.render(1000 * MS, frame, null)).as("after its end").isFalse();
  }
}

package org.openivr.emulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Synthesizes the caller's side of a media stream, 20 ms at a time, from the sounds the scripted caller makes:
 * <ul>
 *   <li>a key: its DTMF pair as a telephone sends it — each tone's frequency within ±0.5 %, the low tone at
 *       −10…−16 dBFS peak and the high tone 0…+3 dB above it (the usual positive twist of keypads), with 1 ms
 *       ramps;</li>
 *   <li>speech ({@link CallerStep.Say}): voiced syllables of 120–280 ms — harmonics of a gliding, jittering F0 of
 *       90–220 Hz shaped by two formants that move per syllable, with a little breath noise — at about −22 dBFS
 *       RMS, with short pauses between words;</li>
 *   <li>background noise at the call's level ({@link CallerStep.Noise}), white, over everything.</li>
 * </ul>
 * Times are simulated nanoseconds since the call began; the PCM itself is always real-time shaped (a 100 ms key is
 * 100 ms of samples at any time scale). Deterministic for a given seed. Used by one thread at a time.
 */
final class StreamAudio {

  private static final double[] ROWS = {697, 770, 852, 941};
  private static final double[] COLS = {1209, 1336, 1477, 1633};
  private static final String KEYS = "123a456b789c*0#d";

  private sealed interface Sound permits Key, Speech {
    long start();

    long end();
  }

  private record Key(long start, long end, double f1, double a1, double p1, double f2, double a2, double p2)
      implements Sound {}

  private record Speech(long start, long end, List<Syllable> syllables) implements Sound {}

  /**
   * One voiced syllable, relative to its speech's start (seconds); harmonic k starts at phase φ_k, kept as cos φ_k
   * and sin φ_k.
   */
  private record Syllable(double start, double length, double f0a, double f0b, double formant1, double formant2,
      double[] cosPhase, double[] sinPhase) {}

  /** Harmonics a voice has at most (below 3400 Hz at the lowest F0). */
  private static final int HARMONICS = 48;
  private static final double[] HARMONIC_WEIGHT = new double[HARMONICS];

  static {
    for (int k = 1; k < HARMONICS; k++) {
      HARMONIC_WEIGHT[k] = 1 / Math.sqrt(k);
    }
  }

  /**
   * Standard normal samples, drawn once with a fixed seed. Noise reads them from a random place in the table: one
   * read per sample instead of a Gaussian draw, which was a tenth of the emulator's media thread when every streaming
   * caller of a soak renders audio in real time. A frame of noise is still white within itself; frames start at
   * independent places.
   */
  private static final int NORMAL_SIZE = 1 << 16;
  private static final double[] NORMAL = new double[NORMAL_SIZE];

  static {
    Random draw = new Random(0x5eed);
    for (int i = 0; i < NORMAL_SIZE; i++) {
      NORMAL[i] = draw.nextGaussian();
    }
  }

  final int rate;
  private final Random random;
  private final List<Sound> sounds = new ArrayList<>();
  private double voicePhase;
  /** Where the voice's breath noise reads {@link #NORMAL} next. */
  private int breathAt;
  private double[] mix = new double[0];

  StreamAudio(int rate, long seed) {
    this.rate = rate;
    this.random = new Random(seed);
    this.breathAt = random.nextInt(NORMAL_SIZE);
  }

  /** A key's tone pair from {@code start} for {@code length} (simulated ns); {@code tone} is the wire name. */
  void key(String tone, long start, long length) {
    char key = keyOf(tone);
    int index = KEYS.indexOf(key);
    if (index < 0) {
      return;
    }
    double low = -10 - random.nextDouble() * 6;
    double high = low + random.nextDouble() * 3;
    sounds.add(new Key(start, start + length,
        ROWS[index / 4] * (1 + (random.nextDouble() - 0.5) * 0.01), peak(low), random.nextDouble() * 2 * Math.PI,
        COLS[index % 4] * (1 + (random.nextDouble() - 0.5) * 0.01), peak(high), random.nextDouble() * 2 * Math.PI));
  }

  /** Speech-like audio from {@code start} for {@code length} (simulated ns). */
  void speech(long start, long length) {
    List<Syllable> syllables = new ArrayList<>();
    double total = length / 1e9;
    double at = 0.02;
    double f0 = 90 + random.nextDouble() * 130;
    while (at < total - 0.1) {
      double len = Math.min(0.12 + random.nextDouble() * 0.16, total - at);
      double next = Math.max(85, Math.min(240, f0 * (0.85 + random.nextDouble() * 0.3)));
      double[] cosPhase = new double[HARMONICS];
      double[] sinPhase = new double[HARMONICS];
      for (int i = 0; i < HARMONICS; i++) {
        double phase = random.nextDouble() * 2 * Math.PI;
        cosPhase[i] = Math.cos(phase);
        sinPhase[i] = Math.sin(phase);
      }
      syllables.add(new Syllable(at, len, f0, next, 300 + random.nextDouble() * 500, 900 + random.nextDouble() * 1500,
          cosPhase, sinPhase));
      f0 = next;
      at += len + (random.nextDouble() < 0.25 ? 0.08 + random.nextDouble() * 0.1 : 0.02);
    }
    sounds.add(new Speech(start, start + length, syllables));
  }

  private static double peak(double dbfs) {
    return 32767 * Math.pow(10, dbfs / 20);
  }

  private static char keyOf(String tone) {
    return switch (tone) {
      case "zero" -> '0';
      case "one" -> '1';
      case "two" -> '2';
      case "three" -> '3';
      case "four" -> '4';
      case "five" -> '5';
      case "six" -> '6';
      case "seven" -> '7';
      case "eight" -> '8';
      case "nine" -> '9';
      case "asterisk" -> '*';
      case "pound" -> '#';
      default -> tone.length() == 1 ? tone.charAt(0) : '?';
    };
  }

  /**
   * Renders {@code out.length} samples starting at simulated time {@code from}; sounds that ended before it are
   * forgotten. Returns whether anything but silence was rendered.
   */
  boolean render(long from, short[] out, Double noiseDbfs) {
    if (mix.length != out.length) {
      mix = new double[out.length];
    }
    double[] y = mix;
    Arrays.fill(y, 0);
    boolean audible = false;
    long to = from + Math.round(out.length * 1e9 / rate);
    for (Iterator<Sound> it = sounds.iterator(); it.hasNext(); ) {
      Sound sound = it.next();
      if (sound.end() <= from) {
        it.remove();
        continue;
      }
      if (sound.start() >= to) {
        continue;
      }
      audible = true;
      for (int i = 0; i < out.length; i++) {
        long t = from + Math.round(i * 1e9 / rate);
        if (t < sound.start() || t >= sound.end()) {
          continue;
        }
        double tau = (t - sound.start()) / 1e9;
        double left = (sound.end() - t) / 1e9;
        if (sound instanceof Key k) {
          double ramp = Math.min(1, Math.min(tau, left) / 0.001);
          y[i] += ramp * (k.a1() * Math.sin(2 * Math.PI * k.f1() * tau + k.p1())
              + k.a2() * Math.sin(2 * Math.PI * k.f2() * tau + k.p2()));
        } else if (sound instanceof Speech s) {
          y[i] += voice(s, tau);
        }
      }
    }
    if (noiseDbfs != null) {
      double sigma = 32767 * Math.pow(10, noiseDbfs / 20);
      int at = random.nextInt(NORMAL_SIZE);
      for (int i = 0; i < y.length; i++) {
        y[i] += sigma * NORMAL[(at + i) & (NORMAL_SIZE - 1)];
      }
      audible = true;
    }
    for (int i = 0; i < out.length; i++) {
      out[i] = (short) Math.max(-32768, Math.min(32767, Math.round(y[i])));
    }
    return audible;
  }

  /**
   * One sample of voice. The harmonics' sines come from rotating one phasor (sin(kθ + φ) = sin kθ cos φ + cos kθ
   * sin φ, with cos kθ and sin kθ by complex multiplication): two trigonometric calls per sample instead of one per
   * harmonic. The emulator renders every speaking caller's audio at the demo's pace (4x real time), so this cost
   * decides whether streams keep up on a busy machine.
   */
  private double voice(Speech speech, double tau) {
    for (Syllable s : speech.syllables()) {
      if (tau < s.start() || tau >= s.start() + s.length()) {
        continue;
      }
      double u = (tau - s.start()) / s.length();
      double f0 = (s.f0a() + (s.f0b() - s.f0a()) * u) * (1 + 0.01 * Math.sin(2 * Math.PI * 5.5 * tau));
      voicePhase += 2 * Math.PI * f0 / rate;
      double c1 = Math.cos(voicePhase);
      double s1 = Math.sin(voicePhase);
      double ck = 1;
      double sk = 0;
      double sum = 0;
      for (int k = 1; k < HARMONICS && k * f0 < 3400; k++) {
        double c = ck * c1 - sk * s1;
        sk = sk * c1 + ck * s1;
        ck = c;
        double f = k * f0;
        double d1 = (f - s.formant1()) / 200;
        double d2 = (f - s.formant2()) / 300;
        double g = 1 / (1 + d1 * d1) + 0.5 / (1 + d2 * d2);
        sum += g * (sk * s.cosPhase()[k] + ck * s.sinPhase()[k]) * HARMONIC_WEIGHT[k];
      }
      double envelope = Math.sin(Math.PI * u);
      double breath = NORMAL[breathAt++ & (NORMAL_SIZE - 1)];
      return 32767 * 0.03 * envelope * (sum + 0.15 * breath);
    }
    return 0;
  }
}

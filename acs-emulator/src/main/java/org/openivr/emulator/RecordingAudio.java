package org.openivr.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Renders a recording from a call's {@link CallAudio} timeline: 16 kHz, 16-bit signed PCM, the recording's
 * active intervals one after the other (paused stretches are left out, as ACS leaves them out), either one
 * mixed channel or one channel per party. Also writes the WAV container.
 */
final class RecordingAudio {

  static final int SAMPLE_RATE = 16_000;
  static final int BITS = 16;
  private static final double FADE_SECONDS = 0.01;

  /** A stretch of simulated time (nanoseconds since the call began) in which the recording was active. */
  record Interval(long start, long end) {
    long frames() {
      return framesOf(end - start);
    }
  }

  private RecordingAudio() {}

  static long framesOf(long nanos) {
    return Math.max(0, Math.round(nanos * (double) SAMPLE_RATE / 1e9));
  }

  /**
   * @param channels the party of each channel, in channel order; {@code null} mixes everyone into one channel
   * @return samples by channel, then frame
   */
  static short[][] render(List<CallAudio.Segment> segments, List<Interval> intervals, List<CallAudio.Party> channels) {
    long total = intervals.stream().mapToLong(Interval::frames).sum();
    if (total > Integer.MAX_VALUE) {
      throw new IllegalStateException("recording too long for the emulator: " + total + " frames");
    }
    int channelCount = channels == null ? 1 : channels.size();
    float[][] mix = new float[channelCount][(int) total];
    long offset = 0;
    for (Interval interval : intervals) {
      long frames = interval.frames();
      for (CallAudio.Segment segment : segments) {
        long from = Math.max(segment.start(), interval.start());
        long to = Math.min(segment.end(), interval.end());
        if (from >= to) {
          continue;
        }
        int channel = channels == null ? 0 : channels.indexOf(segment.party());
        if (channel < 0) {
          continue;
        }
        long first = offset + framesOf(from - interval.start());
        long last = Math.min(offset + frames, offset + framesOf(to - interval.start()));
        for (long frame = first; frame < last; frame++) {
          double t = interval.start() + (frame - offset) * 1e9 / SAMPLE_RATE; // simulated nanoseconds
          double tau = (t - segment.start()) / 1e9;
          mix[channel][(int) frame] += (float) sample(segment, tau);
        }
      }
      offset += frames;
    }
    short[][] pcm = new short[channelCount][(int) total];
    for (int c = 0; c < channelCount; c++) {
      for (int i = 0; i < total; i++) {
        double v = Math.max(-1.0, Math.min(1.0, mix[c][i]));
        pcm[c][i] = (short) Math.round(v * Short.MAX_VALUE);
      }
    }
    return pcm;
  }

  /** The sound's amplitude {@code tau} seconds after it began. */
  private static double sample(CallAudio.Segment segment, double tau) {
    double length = segment.length() / 1e9;
    double fade = Math.min(1.0, Math.min(tau / FADE_SECONDS, (length - tau) / FADE_SECONDS));
    if (fade <= 0) {
      return 0;
    }
    return fade * switch (segment.sound()) {
      case TONE_440 -> 0.25 * Math.sin(2 * Math.PI * 440 * tau);
      case SPEECH -> {
        double f0 = segment.party() == CallAudio.Party.IVR ? 180 : 120;
        double envelope = 0.5 * (1 - Math.cos(2 * Math.PI * 4 * tau));
        yield envelope * (0.2 * Math.sin(2 * Math.PI * f0 * tau) + 0.1 * Math.sin(2 * Math.PI * 2 * f0 * tau)
            + 0.05 * Math.sin(2 * Math.PI * 3 * f0 * tau));
      }
      case DTMF -> {
        int[] pair = dtmfPair(segment.tone());
        yield pair == null ? 0 : 0.2 * (Math.sin(2 * Math.PI * pair[0] * tau) + Math.sin(2 * Math.PI * pair[1] * tau));
      }
    };
  }

  /** The low and high frequency (Hz) of a DTMF tone by its wire name, or {@code null}. */
  static int[] dtmfPair(String tone) {
    String keys = "123a456b789c*0#d";
    for (int i = 0; i < keys.length(); i++) {
      if (tone != null && tone.equals(Tones.toneOf(keys.charAt(i)))) {
        int[] rows = {697, 770, 852, 941};
        int[] columns = {1209, 1336, 1477, 1633};
        return new int[] {rows[i / 4], columns[i % 4]};
      }
    }
    return null;
  }

  /** Size in bytes of a WAV file holding {@code frames} frames of {@code channels} channels. */
  static long wavSize(int channels, long frames) {
    return 44 + frames * channels * (BITS / 8);
  }

  /** Writes frames {@code [from, to)} of {@code pcm} as a PCM WAV file (RIFF, little-endian). */
  static void writeWav(OutputStream out, short[][] pcm, int from, int to) throws IOException {
    int channels = pcm.length;
    long dataBytes = (long) (to - from) * channels * (BITS / 8);
    byte[] header = new byte[44];
    ascii(header, 0, "RIFF");
    int32(header, 4, 36 + dataBytes);
    ascii(header, 8, "WAVE");
    ascii(header, 12, "fmt ");
    int32(header, 16, 16);
    int16(header, 20, 1); // PCM
    int16(header, 22, channels);
    int32(header, 24, SAMPLE_RATE);
    int32(header, 28, (long) SAMPLE_RATE * channels * (BITS / 8));
    int16(header, 32, channels * (BITS / 8));
    int16(header, 34, BITS);
    ascii(header, 36, "data");
    int32(header, 40, dataBytes);
    out.write(header);
    byte[] buffer = new byte[8192 - 8192 % (channels * 2)];
    int used = 0;
    for (int frame = from; frame < to; frame++) {
      for (short[] channel : pcm) {
        buffer[used++] = (byte) channel[frame];
        buffer[used++] = (byte) (channel[frame] >> 8);
      }
      if (used == buffer.length) {
        out.write(buffer, 0, used);
        used = 0;
      }
    }
    out.write(buffer, 0, used);
  }

  private static void ascii(byte[] b, int at, String s) {
    for (int i = 0; i < 4; i++) {
      b[at + i] = (byte) s.charAt(i);
    }
  }

  private static void int16(byte[] b, int at, int v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >> 8);
  }

  private static void int32(byte[] b, int at, long v) {
    for (int i = 0; i < 4; i++) {
      b[at + i] = (byte) (v >> (8 * i));
    }
  }
}

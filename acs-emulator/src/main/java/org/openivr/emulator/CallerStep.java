package org.openivr.emulator;

import java.time.Duration;
import java.util.Objects;

/** One thing a {@link ScriptedCaller} does, in order. */
public sealed interface CallerStep {

  /**
   * Press keys on the phone's keypad ({@code 0-9 * # A-D}). The caller waits until a recognize is
   * listening, then presses them one by one about 150 ms apart (scaled).
   */
  record Press(String keys) implements CallerStep {
    public Press {
      Objects.requireNonNull(keys, "keys");
      if (keys.isEmpty()) {
        throw new IllegalArgumentException("Press needs at least one key");
      }
      for (char c : keys.toCharArray()) {
        if (Tones.toneOf(c) == null) {
          throw new IllegalArgumentException("Not a keypad key: '" + c + "' in \"" + keys + "\" (allowed: 0-9 * # A-D)");
        }
      }
    }
  }

  /**
   * Say something when it is the caller's turn: the caller's audio streams to the app (a call answered without
   * media-streaming options can never stream, so there only the next condition counts) and nothing has played to the
   * caller for a reaction pause (see {@link CallerScript}). Then about 55 ms per character (at least 400 ms) of speech-like audio
   * in the media stream, then a transcript packet with the text.
   */
  record Say(String text) implements CallerStep {
    public Say {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * Speak over a prompt (to barge in): waits until a prompt plays while the caller's audio streams, lets about 1 s
   * (simulated) of it play, then says {@code text} like {@link Say}.
   */
  record Interrupt(String text) implements CallerStep {
    public Interrupt {
      Objects.requireNonNull(text, "text");
    }
  }

  /** Stay silent for a while (scaled). */
  record Silence(Duration duration) implements CallerStep {
    public Silence {
      Objects.requireNonNull(duration, "duration");
      if (duration.isNegative()) {
        throw new IllegalArgumentException("Silence duration must not be negative: " + duration);
      }
    }
  }

  /**
   * From now on the caller's line carries background noise (white, this RMS in dBFS; {@code null} for none), heard in
   * the call's media stream. Takes no time.
   */
  record Noise(Double dbfs) implements CallerStep {
    public Noise {
      if (dbfs != null && (dbfs.isNaN() || dbfs > 0)) {
        throw new IllegalArgumentException("Noise level must be a dBFS value <= 0: " + dbfs);
      }
    }
  }

  /** Hang up at once. */
  record HangUp() implements CallerStep {}
}

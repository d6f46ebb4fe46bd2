package org.openivr.emulator;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivery faults the emulator injects on demand, to exercise the real-world hazards of ACS
 * callbacks (acs-wire 7.1): duplicated events and late events.
 *
 * @param duplicateEvents post every callback and Event Grid event twice, with the same event id
 * @param maxExtraDelay   before each post, wait a random time between zero and this (wall-clock,
 *                        not scaled by {@link EmulatorOptions#timeScale()}); {@code null} means zero
 */
public record Faults(boolean duplicateEvents, Duration maxExtraDelay) {

  public Faults {
    if (maxExtraDelay == null) {
      maxExtraDelay = Duration.ZERO;
    }
    if (maxExtraDelay.isNegative()) {
      throw new IllegalArgumentException("maxExtraDelay must not be negative: " + maxExtraDelay);
    }
  }

  /** No faults: every event is posted once, as soon as it happens. */
  public static Faults none() {
    return new Faults(false, Duration.ZERO);
  }

  /** A random delay between zero and {@link #maxExtraDelay()}. */
  Duration randomDelay() {
    long max = maxExtraDelay.toNanos();
    return max <= 0 ? Duration.ZERO : Duration.ofNanos(ThreadLocalRandom.current().nextLong(max + 1));
  }
}

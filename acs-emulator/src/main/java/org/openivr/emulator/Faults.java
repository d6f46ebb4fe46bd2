package org.openivr.emulator;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Faults the emulator injects on demand, to exercise the real-world hazards of ACS: duplicated and
 * late callback events (acs-wire 7.1), and a response lost after the operation ran.
 *
 * @param duplicateEvents    post every callback and Event Grid event twice, with the same event id
 * @param maxExtraDelay      before each post, wait a random time between zero and this (wall-clock,
 *                           not scaled by {@link EmulatorOptions#timeScale()}); {@code null} means zero
 * @param failAfterExecuting operations (ledger names such as {@code sendDtmfTones},
 *                           {@code transferToParticipant}) that, the first time each runs on a call,
 *                           are executed and written to the ledger (and their response stored for
 *                           their {@code Repeatability-Request-ID}) but answered with HTTP 500, as if the
 *                           response was lost; later requests are answered normally, so a retry with the
 *                           same request id gets the stored result and runs nothing. {@code null} means none
 * @param dropEventsFor      operations (ledger names such as {@code recognize}, {@code play},
 *                           {@code sendDtmfTones}) that are accepted with 202 and written to the ledger but never
 *                           carried out, so the event reporting their result never comes: ACS "stops answering"
 *                           them, and a call waiting on one is stuck until its own guard gives up. Meant for
 *                           operations whose result is an event; {@code null} means none
 */
public record Faults(boolean duplicateEvents, Duration maxExtraDelay, Set<String> failAfterExecuting,
                     Set<String> dropEventsFor) {

  public Faults {
    if (maxExtraDelay == null) {
      maxExtraDelay = Duration.ZERO;
    }
    if (maxExtraDelay.isNegative()) {
      throw new IllegalArgumentException("maxExtraDelay must not be negative: " + maxExtraDelay);
    }
    failAfterExecuting = failAfterExecuting == null ? Set.of() : Set.copyOf(failAfterExecuting);
    dropEventsFor = dropEventsFor == null ? Set.of() : Set.copyOf(dropEventsFor);
  }

  /** The components before {@code dropEventsFor} existed. */
  public Faults(boolean duplicateEvents, Duration maxExtraDelay, Set<String> failAfterExecuting) {
    this(duplicateEvents, maxExtraDelay, failAfterExecuting, Set.of());
  }

  /** Delivery faults only (the components before {@code failAfterExecuting} existed). */
  public Faults(boolean duplicateEvents, Duration maxExtraDelay) {
    this(duplicateEvents, maxExtraDelay, Set.of(), Set.of());
  }

  /** No faults: every event is posted once, as soon as it happens. */
  public static Faults none() {
    return new Faults(false, Duration.ZERO, Set.of(), Set.of());
  }

  /** These faults, plus a lost first response for each of {@code operations} on each call. */
  public Faults withFailAfterExecuting(String... operations) {
    return new Faults(duplicateEvents, maxExtraDelay, Set.of(operations), dropEventsFor);
  }

  /** These faults, plus {@code operations} accepted but never carried out (no result event ever comes). */
  public Faults withDropEventsFor(String... operations) {
    return new Faults(duplicateEvents, maxExtraDelay, failAfterExecuting, Set.of(operations));
  }

  /** A random delay between zero and {@link #maxExtraDelay()}. */
  Duration randomDelay() {
    long max = maxExtraDelay.toNanos();
    return max <= 0 ? Duration.ZERO : Duration.ofNanos(ThreadLocalRandom.current().nextLong(max + 1));
  }
}

package org.openivr.emulator;

import java.time.Duration;
import java.util.Map;
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
 * @param shuffleWindow      hold each callback delivery (and each duplicate) back for a random time between zero and
 *                           this before it starts, independently of the call's other events, so an event may overtake
 *                           the ones that happened before it within this window; zero (or {@code null}) keeps each
 *                           call's events in order. ACS promises no order of delivery (acs-wire 7.1: events can even
 *                           arrive before the response of the request that caused them), so every callback event of a
 *                           call may be reordered. What cannot happen is an event overtaking the request that caused
 *                           it, since the emulator only makes an event once its cause ran: a RecognizeCompleted
 *                           never precedes the CallConnected that let the app send its recognize, because the app
 *                           waits for CallConnected before it sends one. Event Grid events (IncomingCall,
 *                           RecordingFileStatusUpdated) are delivered once in place and their duplicate later, within
 *                           the window, on a thread of its own
 * @param lateEvents         callback events of these types ({@code CallDisconnected}, {@code PlayCompleted}...) held back
 *                           this long (wall-clock) before they are posted, while the call's other events go on: the
 *                           event ACS sends late, as when a caller's CallDisconnected reaches the app after the answer
 *                           "Call not found" to a request sent just after they hung up; empty (or {@code null}) for none
 */
public record Faults(boolean duplicateEvents, Duration maxExtraDelay, Set<String> failAfterExecuting,
                     Set<String> dropEventsFor, Duration shuffleWindow, Map<String, Duration> lateEvents) {

  /** The longest hold-back of {@link #chaos()}: enough for key tones (150 ms apart) to change places. */
  public static final Duration CHAOS_SHUFFLE_WINDOW = Duration.ofMillis(200);
  /** The extra delay of {@link #chaos()} on top of the hold-back. */
  public static final Duration CHAOS_EXTRA_DELAY = Duration.ofMillis(50);

  public Faults {
    if (shuffleWindow == null) {
      shuffleWindow = Duration.ZERO;
    }
    if (shuffleWindow.isNegative()) {
      throw new IllegalArgumentException("shuffleWindow must not be negative: " + shuffleWindow);
    }
    if (maxExtraDelay == null) {
      maxExtraDelay = Duration.ZERO;
    }
    if (maxExtraDelay.isNegative()) {
      throw new IllegalArgumentException("maxExtraDelay must not be negative: " + maxExtraDelay);
    }
    failAfterExecuting = failAfterExecuting == null ? Set.of() : Set.copyOf(failAfterExecuting);
    dropEventsFor = dropEventsFor == null ? Set.of() : Set.copyOf(dropEventsFor);
    lateEvents = lateEvents == null ? Map.of() : Map.copyOf(lateEvents);
    lateEvents.forEach((type, delay) -> {
      if (delay.isNegative()) {
        throw new IllegalArgumentException("the delay of late " + type + " must not be negative: " + delay);
      }
    });
  }

  /** No late events (the components before {@code lateEvents} existed). */
  public Faults(boolean duplicateEvents, Duration maxExtraDelay, Set<String> failAfterExecuting,
                Set<String> dropEventsFor, Duration shuffleWindow) {
    this(duplicateEvents, maxExtraDelay, failAfterExecuting, dropEventsFor, shuffleWindow, Map.of());
  }

  /** Events kept in order (the components before {@code shuffleWindow} existed). */
  public Faults(boolean duplicateEvents, Duration maxExtraDelay, Set<String> failAfterExecuting,
                Set<String> dropEventsFor) {
    this(duplicateEvents, maxExtraDelay, failAfterExecuting, dropEventsFor, Duration.ZERO);
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
    return new Faults(false, Duration.ZERO, Set.of(), Set.of(), Duration.ZERO);
  }

  /**
   * Chaotic delivery: every callback and Event Grid event posted twice with the same id, each post held back up to
   * {@link #CHAOS_SHUFFLE_WINDOW} so a call's events arrive shuffled, plus up to {@link #CHAOS_EXTRA_DELAY}. An app that
   * de-duplicates by id and matches events to operations by their operationContext ends every call the same way.
   */
  public static Faults chaos() {
    return new Faults(true, CHAOS_EXTRA_DELAY, Set.of(), Set.of(), CHAOS_SHUFFLE_WINDOW);
  }

  /** Whether deliveries are held back and reordered ({@link #shuffleWindow()} above zero). */
  public boolean shuffles() {
    return !shuffleWindow.isZero();
  }

  /** These faults, plus a lost first response for each of {@code operations} on each call. */
  public Faults withFailAfterExecuting(String... operations) {
    return new Faults(duplicateEvents, maxExtraDelay, Set.of(operations), dropEventsFor, shuffleWindow, lateEvents);
  }

  /** These faults, plus {@code operations} accepted but never carried out (no result event ever comes). */
  public Faults withDropEventsFor(String... operations) {
    return new Faults(duplicateEvents, maxExtraDelay, failAfterExecuting, Set.of(operations), shuffleWindow, lateEvents);
  }

  /** These faults, plus every {@code eventType} callback held back {@code delay} before it is posted. */
  public Faults withLateEvent(String eventType, Duration delay) {
    Map<String, Duration> late = new java.util.HashMap<>(lateEvents);
    late.put(eventType, delay);
    return new Faults(duplicateEvents, maxExtraDelay, failAfterExecuting, dropEventsFor, shuffleWindow, late);
  }

  /** A random delay between zero and {@link #maxExtraDelay()}. */
  Duration randomDelay() {
    return upTo(maxExtraDelay);
  }

  /** How long to hold one delivery back: between zero and {@link #shuffleWindow()}, then {@link #randomDelay()}. */
  Duration randomHoldBack() {
    return upTo(shuffleWindow).plus(randomDelay());
  }

  private static Duration upTo(Duration max) {
    long nanos = max.toNanos();
    return nanos <= 0 ? Duration.ZERO : Duration.ofNanos(ThreadLocalRandom.current().nextLong(nanos + 1));
  }
}

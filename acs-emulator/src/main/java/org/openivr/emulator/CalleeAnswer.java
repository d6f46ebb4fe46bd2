package org.openivr.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How the callee of an outbound call (a create call to a number registered with
 * {@link AcsEmulator#expectCallee}) reacts to the ringing phone. Times are simulated (scaled by
 * {@link EmulatorOptions#timeScale()}).
 *
 * @param after for {@link Kind#AFTER}: how long the phone rings before the callee picks up; null otherwise
 */
public record CalleeAnswer(Kind kind, Duration after) {

  public enum Kind {
    /** Picks up after {@link #after()}: CallConnected, then the callee follows its script. */
    AFTER,
    /** The line is busy: CreateCallFailed 486/560486. */
    BUSY,
    /** Rings out: after 30 s, CreateCallFailed 480/560480. */
    NO_ANSWER,
    /** Declines the call: CreateCallFailed 603/560603. */
    REJECT
  }

  public CalleeAnswer {
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.AFTER) {
      Objects.requireNonNull(after, "after");
      if (after.isNegative()) {
        throw new IllegalArgumentException("after must not be negative: " + after);
      }
    } else {
      after = null;
    }
  }

  public static CalleeAnswer after(Duration ringing) {
    return new CalleeAnswer(Kind.AFTER, ringing);
  }

  public static CalleeAnswer busy() {
    return new CalleeAnswer(Kind.BUSY, null);
  }

  public static CalleeAnswer noAnswer() {
    return new CalleeAnswer(Kind.NO_ANSWER, null);
  }

  public static CalleeAnswer reject() {
    return new CalleeAnswer(Kind.REJECT, null);
  }
}

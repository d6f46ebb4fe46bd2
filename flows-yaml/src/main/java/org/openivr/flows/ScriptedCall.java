package org.openivr.flows;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One test caller and what must happen.
 *
 * @param from      for an incoming call, the caller's number; for an outbound call, the number the call is
 *                  placed from (the caller id the callee sees), or null for the flow's own number
 * @param at        the call's clock at start, or null for "now"
 * @param expect    what must hold when the call ends
 * @param direction whether the person calls the flow ({@link Direction#INBOUND}) or the platform calls them
 * @param answer    for an outbound call, how the callee answers; null for an incoming call
 * @param to        for an outbound call, the number dialled (the callee's); null for an incoming call
 */
public record ScriptedCall(String name, String from, OffsetDateTime at, List<CallerAction> caller,
                           Expectation expect, SourcePosition position, Direction direction, Answer answer, String to) {

    public ScriptedCall {
        direction = direction == null ? Direction.INBOUND : direction;
        if (direction == Direction.OUTBOUND && answer == null) {
            answer = Answer.DEFAULT;
        }
    }

    /** An incoming call (the components before outbound calls existed). */
    public ScriptedCall(String name, String from, OffsetDateTime at, List<CallerAction> caller, Expectation expect,
                        SourcePosition position) {
        this(name, from, at, caller, expect, position, Direction.INBOUND, null, null);
    }

    public boolean outbound() {
        return direction == Direction.OUTBOUND;
    }

    /** The number of the person on the line: who called in, or who an outbound call dials. */
    public String personNumber() {
        return outbound() ? to : from;
    }

    public enum Direction { INBOUND, OUTBOUND }

    /**
     * How the callee of an outbound call answers: {@code after 2s}, {@code busy}, {@code no-answer} or {@code reject}.
     *
     * @param after how long the phone rings before the callee picks up; only for {@link Kind#AFTER}
     */
    public record Answer(Kind kind, Duration after) {
        /** What an outbound call without {@code answer} does. */
        public static final Answer DEFAULT = new Answer(Kind.AFTER, Duration.ofSeconds(1));

        public enum Kind { AFTER, BUSY, NO_ANSWER, REJECT }

        public Answer {
            Objects.requireNonNull(kind, "kind");
            if (kind == Kind.AFTER) {
                Objects.requireNonNull(after, "after");
            } else {
                after = null;
            }
        }

        /** Does the callee pick up (and so the flow runs)? */
        public boolean answers() {
            return kind == Kind.AFTER;
        }

        @Override
        public String toString() {
            return switch (kind) {
                case AFTER -> "after " + Durations.format(after);
                case BUSY -> "busy";
                case NO_ANSWER -> "no-answer";
                case REJECT -> "reject";
            };
        }
    }

    /**
     * @param path      node ids in order, or null when not checked
     * @param variables variables that must have these values (compared as strings), may be empty
     * @param ends      hungup-by-flow | hungup-by-caller | transferred; for an outbound call also busy | no-answer |
     *                  rejected | failed; or null when not checked
     * @param interrupted the nodes (of the flow itself) whose prompt the caller's speech cut short, in order, as the
     *                  call's timeline records them; empty: none was; null when not checked
     */
    public record Expectation(List<String> path, Map<String, Object> variables, String ends,
                              List<String> interrupted) {
        /** Without a check of interrupted prompts. */
        public Expectation(List<String> path, Map<String, Object> variables, String ends) {
            this(path, variables, ends, null);
        }
    }
}

package org.openivr.flows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One node of a flow: exactly one verb plus its exits. {@code on} maps outcome names
 * (such as {@code failed}) to targets; {@code next} is the single way out of one-exit verbs.
 */
public sealed interface Node permits Node.Play, Node.Menu, Node.Ask, Node.Set, Node.When, Node.Hangup {
    String id();

    SourcePosition position();

    /** Outcome name -> target, from {@code on:}. */
    Map<String, String> on();

    /** The target of a failure outcome: the node's own mapping, else the flow's {@code defaults.onError}. */
    default Optional<String> onOutcome(String outcome, Defaults defaults) {
        String target = on().get(outcome);
        if (target == null && "failed".equals(outcome)) {
            target = defaults.onError();
        }
        return Optional.ofNullable(target);
    }

    /** Is this node's input masked (keys never shown in clear)? */
    default boolean sensitive() {
        return false;
    }

    record Play(String id, SourcePosition position, List<Prompt> prompt, BargeIn bargeIn, String next,
                Map<String, String> on) implements Node {}

    /**
     * @param options     key -> target
     * @param noInput     what to play when the caller pressed nothing, before asking again (may be empty)
     * @param noMatch     what to play when the key is not an option, before asking again (may be empty)
     * @param optionWords key -> words the caller may say instead of pressing it (only keys that have words)
     * @param sensitive   the caller's choice is masked in logs, history and the inspector
     */
    record Menu(String id, SourcePosition position, List<Prompt> prompt, Map<String, String> options,
                Duration timeout, int attempts, List<Prompt> noInput, List<Prompt> noMatch, BargeIn bargeIn,
                Map<String, String> on, Map<String, List<String>> optionWords, boolean sensitive) implements Node {

        /** A menu whose options are keys only and not sensitive. */
        public Menu(String id, SourcePosition position, List<Prompt> prompt, Map<String, String> options,
                    Duration timeout, int attempts, List<Prompt> noInput, List<Prompt> noMatch, BargeIn bargeIn,
                    Map<String, String> on) {
            this(id, position, prompt, options, timeout, attempts, noInput, noMatch, bargeIn, on, Map.of(), false);
        }
    }

    /**
     * @param stopOn   the key that ends entry early (not part of the value), or null
     * @param pattern  a regular expression the whole input must match, or null
     */
    record Ask(String id, SourcePosition position, List<Prompt> prompt, String into, int minDigits, int maxDigits,
               String stopOn, Duration timeout, Duration interDigitTimeout, int attempts, String pattern,
               List<Prompt> noInput, List<Prompt> noMatch, boolean sensitive, BargeIn bargeIn,
               Map<String, String> on) implements Node {}

    /** @param assignments variable -> CEL expression, in file order */
    record Set(String id, SourcePosition position, Map<String, String> assignments, String next,
               Map<String, String> on) implements Node {}

    record When(String id, SourcePosition position, List<Branch> branches, String otherwise,
                Map<String, String> on) implements Node {
        public record Branch(String condition, String target, SourcePosition position) {}
    }

    record Hangup(String id, SourcePosition position, Map<String, String> on) implements Node {}
}

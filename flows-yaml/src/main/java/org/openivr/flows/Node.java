package org.openivr.flows;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One node of a flow: exactly one verb plus its exits. {@code on} maps outcome names
 * (such as {@code failed}) to targets; {@code next} is the single way out of one-exit verbs.
 */
public sealed interface Node permits Node.Play, Node.Menu, Node.Ask, Node.Set, Node.When, Node.Hangup,
        Node.SendDtmf, Node.Keys, Node.Hold, Node.Unhold, Node.Record, Node.Stream, Node.Listen, Node.Transfer,
        Node.Hours, Node.Wait, Node.Subflow {
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

    /** The verb as the flow writes it: {@code play}, {@code sendDtmf}, {@code hangup}, ... */
    default String verb() {
        String name = getClass().getSimpleName();
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /** The one way out of verbs that have {@code next}; null for the others. */
    default String next() {
        return null;
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

    /**
     * Sends DTMF tones to a PSTN participant ({@code sendDtmf}).
     *
     * @param tones one key per tone ({@code 0-9}, {@code *}, {@code #}, {@code A-D}), 1 to 18 of them
     * @param to    the participant's raw id ({@code 4:+14255550100}), or null for the caller
     * @param on    {@code failed} -> target (else {@code defaults.onError})
     */
    record SendDtmf(String id, SourcePosition position, List<String> tones, String to, String next,
                    Map<String, String> on) implements Node {}

    /**
     * Turns continuous key recognition on or off ({@code keys: on|off}).
     *
     * @param enabled true for {@code on}
     */
    record Keys(String id, SourcePosition position, boolean enabled, String next, Map<String, String> on)
            implements Node {}

    /**
     * Puts the caller on hold ({@code hold}).
     *
     * @param music what the caller hears while on hold: empty (silence) or one prompt, looped
     */
    record Hold(String id, SourcePosition position, List<Prompt> music, String next, Map<String, String> on)
            implements Node {}

    /** Takes the caller off hold ({@code unhold}). */
    record Unhold(String id, SourcePosition position, String next, Map<String, String> on) implements Node {}

    /** The call's audio channels, as ACS records and streams them. */
    enum Channels { MIXED, UNMIXED }

    /**
     * Controls the call recording ({@code record}). For {@code pause}, {@code resume} and {@code stop}
     * only {@code action} matters; the other components then hold their defaults.
     *
     * @param content          audio (default) or audio and video
     * @param channels         mixed (default) or unmixed
     * @param format           wav (default), mp3 or mp4
     * @param paused           start the recording paused (ACS {@code pauseOnStart})
     * @param firstChannel     who is on channel 0 of an unmixed recording: {@code caller} or a raw id; null when
     *                         not given
     * @param storageContainer blob container URL for the recording ({@code storage.container}), or null for ACS's
     *                         own storage
     */
    record Record(String id, SourcePosition position, Action action, Content content, Channels channels,
                  Format format, boolean paused, String firstChannel, String storageContainer, String next,
                  Map<String, String> on) implements Node {
        public enum Action { START, PAUSE, RESUME, STOP }

        public enum Content { AUDIO, AUDIO_VIDEO }

        public enum Format { WAV, MP3, MP4 }
    }

    /**
     * Starts or stops live audio streaming to the platform ({@code stream}).
     *
     * @param channels mixed (default) or unmixed; meaningful for {@code start}
     */
    record Stream(String id, SourcePosition position, Action action, Channels channels, String next,
                  Map<String, String> on) implements Node {
        public enum Action { START, STOP }
    }

    /**
     * Waits for what the live audio says ({@code listen}). Outcomes: {@code speech}, {@code silence},
     * {@code keys}, each phrase's name, and {@code timeout}.
     *
     * @param events  what to listen for (the YAML {@code for:})
     * @param silence how long the caller must be silent for {@code silence}, or null when not listening for it
     * @param phrases phrase name -> words (any of them counts), in file order; empty unless listening for phrases
     * @param timeout how long to listen before {@code timeout}, or null to listen until an event happens
     */
    record Listen(String id, SourcePosition position, java.util.Set<Event> events, Duration silence,
                  Map<String, List<String>> phrases, Duration timeout, Map<String, String> on) implements Node {
        public enum Event { SPEECH, SILENCE, KEYS, PHRASE }
    }

    /**
     * Transfers the caller ({@code transfer}). {@code on.ok} is absent or {@code hangup}: once transferred,
     * the caller has left the flow.
     *
     * @param to the raw id of who the caller goes to: {@code 4:+14255550100} (phone) or {@code 8:acs:...} (user)
     */
    record Transfer(String id, SourcePosition position, String to, Map<String, String> on) implements Node {}

    /**
     * Business hours ({@code hours}). Outcomes: {@code open}, {@code closed}.
     *
     * @param open   the opening intervals; a day may have several
     * @param closed whole days (in {@code timezone}) that are closed whatever {@code open} says
     */
    record Hours(String id, SourcePosition position, ZoneId timezone, List<Interval> open, List<LocalDate> closed,
                 Map<String, String> on) implements Node {

        /**
         * Open on {@code days} from {@code from} (inclusive) to {@code to} (exclusive), local time;
         * {@code to} is {@link LocalTime#MAX} for "24:00".
         */
        public record Interval(java.util.Set<DayOfWeek> days, LocalTime from, LocalTime to) {}

        /** Is the business open at this instant? Pure: reads nothing but its arguments. */
        public boolean isOpen(Instant instant) {
            return BusinessHours.isOpen(this, instant);
        }

        /** {@code open} or {@code closed}: the outcome at this instant. */
        public String outcome(Instant instant) {
            return isOpen(instant) ? "open" : "closed";
        }
    }

    /** Pauses ({@code wait: 2s}). */
    record Wait(String id, SourcePosition position, Duration duration, String next, Map<String, String> on)
            implements Node {}

    /**
     * Runs another flow with the same variables and comes back on {@code return} ({@code subflow}).
     *
     * @param flow the other flow's name: {@code flows/NAME.yaml} next to this flow's file
     */
    record Subflow(String id, SourcePosition position, String flow, String next, Map<String, String> on)
            implements Node {}
}

package org.openivr.flows;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.openivr.flows.YamlReader.Entry;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the verbs that act on the call through ACS or its audio: {@code sendDtmf}, {@code keys},
 * {@code hold}, {@code unhold}, {@code record}, {@code stream}, {@code listen} and {@code transfer}.
 */
final class CallVerbs {
    /** A phone number in E.164: '+', a country code that does not start with 0, at most 15 digits in all. */
    static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{6,14}");
    static final String ACS_USER_PREFIX = "8:acs:";
    /** ACS sends at most 18 tones per request. */
    static final int MAX_TONES = 18;

    static final List<String> SEND_DTMF_FIELDS = List.of("tones", "to");
    static final List<String> HOLD_FIELDS = List.of("music");
    static final List<String> RECORD_FIELDS =
            List.of("action", "content", "channels", "format", "paused", "firstChannel", "storage");
    static final List<String> RECORD_ACTIONS = List.of("start", "pause", "resume", "stop");
    static final List<String> CONTENTS = List.of("audio", "audio-video");
    static final List<String> CHANNELS = List.of("mixed", "unmixed");
    static final List<String> FORMATS = List.of("wav", "mp3", "mp4");
    static final List<String> STREAM_FIELDS = List.of("action", "channels");
    static final List<String> STREAM_ACTIONS = List.of("start", "stop");
    static final List<String> LISTEN_FIELDS = List.of("for", "silence", "phrases", "timeout");
    static final List<String> LISTEN_EVENTS = List.of("speech", "silence", "keys", "phrase");
    /** The outcomes of listen other than phrase names. */
    static final List<String> LISTEN_OUTCOMES = List.of("speech", "silence", "keys", "timeout");
    static final List<String> TRANSFER_FIELDS = List.of("to");
    static final List<String> TRANSFER_TO_FIELDS = List.of("phone", "user");
    static final Duration DEFAULT_SILENCE = Duration.ofSeconds(3);
    static final Duration MIN_SILENCE = Duration.ofMillis(500);
    static final Duration MAX_SILENCE = Duration.ofSeconds(60);
    static final Duration MAX_LISTEN = Duration.ofMinutes(30);

    private final FlowReader reader;
    private final Problems problems;
    private final YamlReader yaml;

    CallVerbs(FlowReader reader) {
        this.reader = reader;
        this.problems = reader.problems;
        this.yaml = reader.yaml;
    }

    // ---- sendDtmf ----

    Node readSendDtmf(String id, SourcePosition position, Entry verb, Map<String, Entry> fields) {
        String next = reader.next(id, "sendDtmf", fields, verb);
        Map<String, String> on = reader.on(id, "sendDtmf", fields, List.of(FlowReader.FAILED));
        org.yaml.snakeyaml.nodes.Node tonesNode;
        String to = null;
        boolean ok = true;
        if (verb.value() instanceof MappingNode) {
            Map<String, Entry> send = yaml.fields(verb.value(), "sendDtmf '" + id + "'", SEND_DTMF_FIELDS);
            if (send == null) {
                return null;
            }
            if (!send.containsKey("tones")) {
                problems.error(verb.key(), "sendDtmf '" + id + "' needs 'tones': the keys to send, like \"1234#\"");
                return null;
            }
            tonesNode = send.get("tones").value();
            if (send.containsKey("to")) {
                to = phone(send.get("to").value(), "to");
                ok = to != null;
            }
        } else {
            tonesNode = verb.value();
        }
        List<String> tones = tones(tonesNode);
        if (tones == null || !ok) {
            return null;
        }
        return new Node.SendDtmf(id, position, tones, to, next, Collections.unmodifiableMap(on));
    }

    /** The tones as one key each: "12#" or ["1", "2", "#"]; 1 to 18 of them. */
    private List<String> tones(org.yaml.snakeyaml.nodes.Node node) {
        List<String> tones = new ArrayList<>();
        if (node instanceof SequenceNode sequence) {
            for (org.yaml.snakeyaml.nodes.Node item : sequence.getValue()) {
                String key = yaml.key(item, "tone");
                if (key == null) {
                    return null;
                }
                tones.add(key);
            }
        } else {
            String text = yaml.nonBlank(node, "tones");
            if (text == null) {
                return null;
            }
            for (int i = 0; i < text.length(); i++) {
                String key = String.valueOf(text.charAt(i));
                if (!Keys.isKey(key)) {
                    problems.error(node, "tones '" + text + "' must be keys only: 0-9, *, # and A-D ('"
                            + key + "' at character " + (i + 1) + " is not)");
                    return null;
                }
                tones.add(key);
            }
        }
        if (tones.isEmpty()) {
            problems.error(node, "tones is empty: give at least one key to send");
            return null;
        }
        if (tones.size() > MAX_TONES) {
            problems.error(node, "tones has " + tones.size() + " tones: ACS sends at most " + MAX_TONES
                    + " at a time, so split them over two sendDtmf nodes");
            return null;
        }
        return List.copyOf(tones);
    }

    /** A phone number in E.164 (+14255550100), as its raw id (4:+14255550100). */
    private String phone(org.yaml.snakeyaml.nodes.Node node, String what) {
        String text = yaml.nonBlank(node, what);
        if (text == null) {
            return null;
        }
        if (!PHONE.matcher(text).matches()) {
            problems.error(node, what + " '" + text + "' is not a phone number in international form, like"
                    + " \"+14255550100\"");
            return null;
        }
        return "4:" + text;
    }

    /** An ACS user id, 8:acs:... */
    private String user(org.yaml.snakeyaml.nodes.Node node, String what) {
        String text = yaml.nonBlank(node, what);
        if (text == null) {
            return null;
        }
        if (!text.startsWith(ACS_USER_PREFIX) || text.length() == ACS_USER_PREFIX.length()) {
            problems.error(node, what + " '" + text + "' is not an ACS user id, like \"8:acs:...\"");
            return null;
        }
        return text;
    }

    // ---- keys, hold, unhold ----

    Node readKeys(String id, SourcePosition position, Entry verb, Map<String, Entry> fields) {
        String next = reader.next(id, "keys", fields, verb);
        String text = yaml.text(verb.value(), "keys");
        if (text == null) {
            return null;
        }
        Boolean enabled = switch (text) {
            case "on", "true" -> Boolean.TRUE;
            case "off", "false" -> Boolean.FALSE;
            default -> null;
        };
        if (enabled == null) {
            problems.error(verb.value(), "keys must be 'on' or 'off', not '" + text + "'"
                    + Suggestions.didYouMean(text, List.of("on", "off")));
            return null;
        }
        return new Node.Keys(id, position, enabled, next, Map.of());
    }

    Node readHold(String id, SourcePosition position, Entry verb, Map<String, Entry> fields) {
        String next = reader.next(id, "hold", fields, verb);
        Map<String, String> on = reader.on(id, "hold", fields, List.of(FlowReader.FAILED));
        List<Prompt> music = List.of();
        if (!YamlReader.isNull(verb.value())) {
            Map<String, Entry> hold = yaml.fields(verb.value(), "hold '" + id + "'", HOLD_FIELDS);
            if (hold == null) {
                return null;
            }
            if (hold.containsKey("music")) {
                Entry entry = hold.get("music");
                music = reader.prompts(entry.value(), "music", id);
                if (entry.value() instanceof SequenceNode list && list.getValue().size() > 1) {
                    problems.error(entry.value(), "music is one prompt, not a list of " + list.getValue().size()
                            + ": ACS loops one sound while the caller is on hold");
                    return null;
                }
            }
        }
        return new Node.Hold(id, position, music, next, Collections.unmodifiableMap(on));
    }

    Node readUnhold(String id, SourcePosition position, Entry verb, Map<String, Entry> fields) {
        String next = reader.next(id, "unhold", fields, verb);
        Map<String, String> on = reader.on(id, "unhold", fields, List.of(FlowReader.FAILED));
        boolean empty = YamlReader.isNull(verb.value())
                || (verb.value() instanceof MappingNode mapping && mapping.getValue().isEmpty());
        if (!empty) {
            problems.error(verb.value(), "unhold takes no settings: write 'unhold: {}'");
            return null;
        }
        return new Node.Unhold(id, position, next, Collections.unmodifiableMap(on));
    }

    // ---- record, stream ----

    Node readRecord(String id, SourcePosition position, Entry verb, Map<String, Entry> fields) {
        String next = reader.next(id, "record", fields, verb);
        Map<String, String> on = reader.on(id, "record", fields, List.of(FlowReader.FAILED));
        String what = "record '" + id + "'";
        Map<String, Entry> record = Map.of();
        org.yaml.snakeyaml.nodes.Node actionNode = verb.value();
        if (verb.value() instanceof MappingNode) {
            record = yaml.fields(verb.value(), what, RECORD_FIELDS);
            if (record == null) {
                return null;
            }
            if (!record.containsKey("action")) {
                problems.error(verb.key(), what + " needs 'action': start, pause, resume or stop");
                return null;
            }
            actionNode = record.get("action").value();
        }
        String action = choice(actionNode, "record", RECORD_ACTIONS);
        if (action == null) {
            return null;
        }
        if (!action.equals("start")) {
            boolean ok = true;
            for (Entry field : record.values()) {
                if (!field.name().equals("action")) {
                    problems.error(field.key(), "'" + field.name() + "' only goes with 'action: start'");
                    ok = false;
                }
            }
            return ok ? new Node.Record(id, position, enumOf(Node.Record.Action.class, action), Node.Record.Content.AUDIO,
                    Node.Channels.MIXED, Node.Record.Format.WAV, false, null, null, next,
                    Collections.unmodifiableMap(on)) : null;
        }
        boolean ok = true;
        String content = "audio";
        if (record.containsKey("content")) {
            content = choice(record.get("content").value(), "content", CONTENTS);
            ok = content != null;
        }
        String channels = "mixed";
        if (record.containsKey("channels")) {
            channels = choice(record.get("channels").value(), "channels", CHANNELS);
            ok &= channels != null;
        }
        String format = null;
        if (record.containsKey("format")) {
            format = choice(record.get("format").value(), "format", FORMATS);
            ok &= format != null;
        }
        if (!ok) {
            return null;
        }
        // What ACS accepts: audio-video is mixed mp4; unmixed is wav; mp4 is for audio-video.
        if (content.equals("audio-video") && channels.equals("unmixed")) {
            problems.error(record.get("channels").value(), "an audio-video recording is mixed: ACS records unmixed"
                    + " channels as audio only");
            return null;
        }
        if (format != null && content.equals("audio-video") && !format.equals("mp4")) {
            problems.error(record.get("format").value(), "an audio-video recording is mp4, not " + format);
            return null;
        }
        if (format != null && content.equals("audio") && format.equals("mp4")) {
            problems.error(record.get("format").value(), "mp4 is for audio-video recordings: record audio as wav or"
                    + " mp3");
            return null;
        }
        if (format != null && channels.equals("unmixed") && !format.equals("wav")) {
            problems.error(record.get("format").value(), "an unmixed recording is wav (one channel per participant),"
                    + " not " + format);
            return null;
        }
        if (format == null) {
            format = content.equals("audio-video") ? "mp4" : "wav";
        }
        Boolean paused = record.containsKey("paused") ? yaml.bool(record.get("paused").value(), "paused") : Boolean.FALSE;
        String firstChannel = null;
        if (record.containsKey("firstChannel")) {
            Entry entry = record.get("firstChannel");
            if (!channels.equals("unmixed")) {
                problems.error(entry.key(), "firstChannel needs 'channels: unmixed': a mixed recording has one"
                        + " channel");
                return null;
            }
            firstChannel = participant(entry.value());
            ok = firstChannel != null;
        }
        String storage = null;
        if (record.containsKey("storage")) {
            storage = storage(record.get("storage"));
            ok &= storage != null;
        }
        if (paused == null || !ok) {
            return null;
        }
        return new Node.Record(id, position, Node.Record.Action.START,
                content.equals("audio") ? Node.Record.Content.AUDIO : Node.Record.Content.AUDIO_VIDEO,
                enumOf(Node.Channels.class, channels), enumOf(Node.Record.Format.class, format), paused, firstChannel,
                storage, next, Collections.unmodifiableMap(on));
    }

    /** {@code caller}, a phone number (as its raw id) or an ACS user id. */
    private String participant(org.yaml.snakeyaml.nodes.Node node) {
        String text = yaml.nonBlank(node, "firstChannel");
        if (text == null) {
            return null;
        }
        if (text.equals("caller") || (text.startsWith(ACS_USER_PREFIX) && text.length() > ACS_USER_PREFIX.length())) {
            return text;
        }
        if (PHONE.matcher(text).matches()) {
            return "4:" + text;
        }
        problems.error(node, "firstChannel must be 'caller', a phone number like \"+14255550100\" or an ACS user id"
                + " like \"8:acs:...\", not '" + text + "'");
        return null;
    }

    private String storage(Entry entry) {
        Map<String, Entry> storage = yaml.fields(entry.value(), "storage", List.of("container"));
        if (storage == null) {
            return null;
        }
        if (!storage.containsKey("container")) {
            problems.error(entry.key(), "storage needs 'container': the address of a blob container, like"
                    + " https://ACCOUNT.blob.core.windows.net/CONTAINER");
            return null;
        }
        org.yaml.snakeyaml.nodes.Node node = storage.get("container").value();
        String url = yaml.nonBlank(node, "storage.container");
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            String path = uri.getPath() == null ? "" : uri.getPath();
            if ("https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && path.length() > 1) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.error(node, "storage.container must be the https address of a blob container, like"
                + " https://ACCOUNT.blob.core.windows.net/CONTAINER, not '" + url + "'");
        return null;
    }

    Node readStream(String id, SourcePosition position, Entry verb, Map<String, Entry> fields) {
        String next = reader.next(id, "stream", fields, verb);
        Map<String, String> on = reader.on(id, "stream", fields, List.of(FlowReader.FAILED));
        Map<String, Entry> stream = Map.of();
        org.yaml.snakeyaml.nodes.Node actionNode = verb.value();
        if (verb.value() instanceof MappingNode) {
            stream = yaml.fields(verb.value(), "stream '" + id + "'", STREAM_FIELDS);
            if (stream == null) {
                return null;
            }
            if (!stream.containsKey("action")) {
                problems.error(verb.key(), "stream '" + id + "' needs 'action': start or stop");
                return null;
            }
            actionNode = stream.get("action").value();
        }
        String action = choice(actionNode, "stream", STREAM_ACTIONS);
        if (action == null) {
            return null;
        }
        String channels = "mixed";
        if (stream.containsKey("channels")) {
            if (action.equals("stop")) {
                problems.error(stream.get("channels").key(), "'channels' only goes with 'action: start'");
                return null;
            }
            channels = choice(stream.get("channels").value(), "channels", CHANNELS);
            if (channels == null) {
                return null;
            }
        }
        return new Node.Stream(id, position, enumOf(Node.Stream.Action.class, action),
                enumOf(Node.Channels.class, channels), next, Collections.unmodifiableMap(on));
    }

    // ---- listen ----

    Node readListen(String id, SourcePosition position, Entry verb, Map<String, Entry> fields) {
        String what = "listen '" + id + "'";
        Map<String, Entry> listen = yaml.fields(verb.value(), what, LISTEN_FIELDS);
        if (listen == null) {
            reader.on(id, "listen", fields, LISTEN_OUTCOMES); // still read, so its targets count as reached
            return null;
        }
        Set<Node.Listen.Event> events = EnumSet.noneOf(Node.Listen.Event.class);
        boolean ok = true;
        if (!listen.containsKey("for")) {
            problems.error(verb.key(), what + " needs 'for': what to listen for (speech, silence, keys or phrase)");
            ok = false;
        } else {
            org.yaml.snakeyaml.nodes.Node forNode = listen.get("for").value();
            List<org.yaml.snakeyaml.nodes.Node> items = forNode instanceof SequenceNode sequence
                    ? sequence.getValue() : List.of(forNode);
            if (items.isEmpty()) {
                problems.error(forNode, "'for' is empty: listen for speech, silence, keys or phrase");
                ok = false;
            }
            for (org.yaml.snakeyaml.nodes.Node item : items) {
                String event = yaml.nonBlank(item, "for");
                if (event == null) {
                    ok = false;
                } else if (!LISTEN_EVENTS.contains(event)) {
                    problems.error(item, "listen cannot wait for '" + event + "': it listens for "
                            + YamlReader.list(LISTEN_EVENTS) + Suggestions.didYouMean(event, LISTEN_EVENTS));
                    ok = false;
                } else {
                    events.add(enumOf(Node.Listen.Event.class, event));
                }
            }
            if (events.contains(Node.Listen.Event.SPEECH) && events.contains(Node.Listen.Event.PHRASE)) {
                // A phrase is heard only once its words are spoken, so the start of speech always wins.
                problems.warning(forNode, what + " listens for speech and phrase: the caller starts speaking before"
                        + " any phrase is heard, so the speech exit is always taken and the phrase exits never are;"
                        + " listen for one of the two");
            }
        }
        Duration silence = null;
        if (listen.containsKey("silence")) {
            Entry entry = listen.get("silence");
            if (ok && !events.contains(Node.Listen.Event.SILENCE)) {
                problems.error(entry.key(), "'silence' is only used when 'for' has silence");
                ok = false;
            } else {
                silence = yaml.duration(entry.value(), "silence");
                if (silence != null && (silence.compareTo(MIN_SILENCE) < 0 || silence.compareTo(MAX_SILENCE) > 0)) {
                    problems.error(entry.value(), "silence must be between 500ms and 60s, not "
                            + Durations.format(silence));
                    silence = null;
                }
                ok &= silence != null;
            }
        } else if (events.contains(Node.Listen.Event.SILENCE)) {
            silence = DEFAULT_SILENCE;
        }
        Map<String, List<String>> phrases = new LinkedHashMap<>();
        if (listen.containsKey("phrases")) {
            Entry entry = listen.get("phrases");
            if (ok && !events.contains(Node.Listen.Event.PHRASE)) {
                problems.error(entry.key(), "'phrases' is only used when 'for' has phrase");
                ok = false;
            } else {
                ok &= readPhrases(entry, phrases);
            }
        } else if (events.contains(Node.Listen.Event.PHRASE)) {
            problems.error(verb.key(), what + " listens for a phrase but has no 'phrases': name each phrase and the"
                    + " words that say it");
            ok = false;
        }
        Duration timeout = null;
        if (listen.containsKey("timeout")) {
            Entry entry = listen.get("timeout");
            timeout = yaml.duration(entry.value(), "timeout");
            if (timeout != null && (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(MAX_LISTEN) > 0)) {
                problems.error(entry.value(), "timeout must be between 1s and 30m, not " + Durations.format(timeout));
                timeout = null;
            }
            ok &= timeout != null;
        }
        // The outcomes this node can take, and the others listen has, with why this one cannot take them.
        List<String> outcomes = new ArrayList<>();
        Map<String, String> unused = new LinkedHashMap<>();
        for (String outcome : List.of("speech", "silence", "keys")) {
            if (events.contains(enumOf(Node.Listen.Event.class, outcome)) || !ok) {
                outcomes.add(outcome);
            } else {
                unused.put(outcome, "node '" + id + "' does not listen for " + outcome + ": add " + outcome
                        + " to 'for', or remove '" + outcome + "' from 'on'");
            }
        }
        outcomes.addAll(phrases.keySet());
        if (timeout != null || !ok) {
            outcomes.add("timeout");
        } else {
            unused.put("timeout", "node '" + id + "' has no timeout: add 'timeout: 30s' to listen, or remove 'timeout'"
                    + " from 'on'");
        }
        Map<String, String> on = reader.on(id, "listen", fields, outcomes, unused);
        if (!ok) {
            return null;
        }
        for (String outcome : outcomes) {
            if (!reader.writesOutcome(id, outcome)) {
                problems.error(verb.key(), "node '" + id + "' needs 'on: {" + outcome + ": ...}': where the call goes "
                        + listenWhen(outcome));
                ok = false;
            }
        }
        if (!ok) {
            return null;
        }
        return new Node.Listen(id, position, Collections.unmodifiableSet(events), silence,
                Collections.unmodifiableMap(phrases), timeout, Collections.unmodifiableMap(on));
    }

    private static String listenWhen(String outcome) {
        return switch (outcome) {
            case "speech" -> "when the caller starts speaking";
            case "silence" -> "when the caller falls silent";
            case "keys" -> "when the caller presses a key";
            case "timeout" -> "when nothing happens in time";
            default -> "when the caller says phrase '" + outcome + "'";
        };
    }

    private boolean readPhrases(Entry entry, Map<String, List<String>> phrases) {
        MappingNode mapping = yaml.mapping(entry.value(), "phrases", "a mapping of phrase names to words");
        if (mapping == null) {
            return false;
        }
        Map<String, Entry> entries = yaml.entries(mapping);
        if (entries.isEmpty()) {
            problems.error(entry.key(), "'phrases' is empty: name each phrase and the words that say it");
            return false;
        }
        boolean ok = true;
        for (Entry phrase : entries.values()) {
            String name = phrase.name();
            if (!FlowReader.NODE_ID.matcher(name).matches()) {
                problems.error(phrase.key(), "phrase name '" + name + "' must start with a-z and use only a-z, 0-9, '-'"
                        + " and '_'");
                ok = false;
                continue;
            }
            if (LISTEN_OUTCOMES.contains(name) || name.equals("phrase")) {
                problems.error(phrase.key(), "phrase name '" + name + "' is taken by an outcome of listen: name the"
                        + " phrase differently");
                ok = false;
                continue;
            }
            if (phrase.value() instanceof SequenceNode list && list.getValue().isEmpty()) {
                problems.error(phrase.value(), "phrase '" + name + "' has no words");
                ok = false;
                continue;
            }
            List<String> words = yaml.texts(phrase.value(), "phrase '" + name + "'");
            if (words.isEmpty()) {
                ok = false;
                continue;
            }
            phrases.put(name, List.copyOf(words));
        }
        return ok;
    }

    // ---- transfer ----

    Node readTransfer(String id, SourcePosition position, Entry verb, Map<String, Entry> fields) {
        String what = "transfer '" + id + "'";
        Map<String, String> on = reader.on(id, "transfer", fields, List.of(FlowReader.OK, FlowReader.FAILED));
        String ok = on.get(FlowReader.OK);
        if (ok != null && !ok.equals(Targets.HANGUP)) {
            Entry onEntry = fields.get("on");
            org.yaml.snakeyaml.nodes.Node at = yaml.entries((MappingNode) onEntry.value()).get(FlowReader.OK).value();
            problems.error(at, "after a transfer the caller has left this flow: 'ok' can only be 'hangup' (or leave"
                    + " it out)");
        }
        Map<String, Entry> transfer = yaml.fields(verb.value(), what, TRANSFER_FIELDS);
        if (transfer == null) {
            return null;
        }
        if (!transfer.containsKey("to")) {
            problems.error(verb.key(), what + " needs 'to': a phone number like \"+14255550100\" or"
                    + " {user: \"8:acs:...\"}");
            return null;
        }
        org.yaml.snakeyaml.nodes.Node toNode = transfer.get("to").value();
        String to;
        if (toNode instanceof MappingNode) {
            Map<String, Entry> target = yaml.fields(toNode, "to", TRANSFER_TO_FIELDS);
            if (target == null) {
                return null;
            }
            if (target.size() != 1) {
                problems.error(toNode, "to is one of {phone: \"+14255550100\"} or {user: \"8:acs:...\"}");
                return null;
            }
            Entry entry = target.values().iterator().next();
            to = entry.name().equals("phone") ? phone(entry.value(), "phone") : user(entry.value(), "user");
        } else {
            to = phone(toNode, "to");
        }
        if (to == null || (ok != null && !ok.equals(Targets.HANGUP))) {
            return null;
        }
        return new Node.Transfer(id, position, to, Collections.unmodifiableMap(on));
    }

    // ---- shared ----

    /** One of a few words, reported with a suggestion when it is not one of them. */
    private String choice(org.yaml.snakeyaml.nodes.Node node, String what, List<String> words) {
        String text = yaml.nonBlank(node, what);
        if (text == null) {
            return null;
        }
        if (!words.contains(text)) {
            problems.error(node, what + " must be " + YamlReader.list(words) + ", not '" + text + "'"
                    + Suggestions.didYouMean(text, words));
            return null;
        }
        return text;
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String word) {
        return Enum.valueOf(type, word.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}

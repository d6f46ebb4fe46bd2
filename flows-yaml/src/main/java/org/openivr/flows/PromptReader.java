package org.openivr.flows;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.openivr.flows.YamlReader.Entry;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads a prompt: text, {@code {text, voice}}, {@code {ssml}}, {@code {audio}}, or a list of these. */
final class PromptReader {
    static final List<String> FIELDS = List.of("text", "voice", "ssml", "audio");
    private static final List<String> KINDS = List.of("text", "ssml", "audio");

    private final YamlReader yaml;
    private final Problems problems;
    /** Checks the {@code ${...}} expressions of a text written at a node (and reports what is wrong there). */
    private final BiConsumer<String, Node> checkText;

    PromptReader(YamlReader yaml, BiConsumer<String, Node> checkText) {
        this.yaml = yaml;
        this.problems = yaml.problems;
        this.checkText = checkText;
    }

    /** The prompts written at {@code node}; those with problems are reported and left out. */
    List<Prompt> prompts(Node node, String what) {
        List<Prompt> prompts = new ArrayList<>();
        if (node instanceof SequenceNode sequence) {
            if (sequence.getValue().isEmpty()) {
                problems.error(node, what + " is an empty list: give it something to say");
            }
            for (Node item : sequence.getValue()) {
                if (item instanceof SequenceNode) {
                    problems.error(item, "a prompt in a list must be text or a mapping, not another list");
                    continue;
                }
                Prompt prompt = prompt(item, what);
                if (prompt != null) {
                    prompts.add(prompt);
                }
            }
        } else {
            Prompt prompt = prompt(node, what);
            if (prompt != null) {
                prompts.add(prompt);
            }
        }
        return List.copyOf(prompts);
    }

    private Prompt prompt(Node node, String what) {
        if (node instanceof ScalarNode) {
            String text = yaml.nonBlank(node, what);
            return text == null ? null : text(text, null, node);
        }
        Map<String, Entry> fields = yaml.fields(node, "a prompt", FIELDS);
        if (fields == null) {
            return null;
        }
        List<String> kinds = new ArrayList<>(fields.keySet());
        kinds.retainAll(KINDS);
        if (kinds.isEmpty()) {
            if (FIELDS.containsAll(fields.keySet())) { // else an unknown key is reported already
                problems.error(node, "a prompt needs 'text', 'ssml' or 'audio'");
            }
            return null;
        }
        if (kinds.size() > 1) {
            problems.error(fields.get(kinds.get(1)).key(), "a prompt is one of 'text', 'ssml' or 'audio', not both '"
                    + kinds.get(0) + "' and '" + kinds.get(1) + "': make a list of prompts");
            return null;
        }
        String kind = kinds.get(0);
        if (fields.containsKey("voice") && !kind.equals("text")) {
            problems.error(fields.get("voice").key(), "'voice' goes with 'text', not with '" + kind + "'");
        }
        Entry entry = fields.get(kind);
        String value = yaml.nonBlank(entry.value(), kind);
        if (value == null) {
            return null;
        }
        return switch (kind) {
            case "text" -> {
                String voice = fields.containsKey("voice") ? yaml.nonBlank(fields.get("voice").value(), "voice") : null;
                yield text(value, voice, entry.value());
            }
            case "ssml" -> new Prompt.Ssml(value);
            default -> audio(value, entry.value());
        };
    }

    private Prompt text(String text, String voice, Node at) {
        checkText.accept(text, at);
        return new Prompt.Text(text, voice);
    }

    private Prompt audio(String url, Node at) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                return new Prompt.Audio(url);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.error(at, "audio must be a web address (https://...) of a WAV file, not '" + url + "'");
        return null;
    }
}

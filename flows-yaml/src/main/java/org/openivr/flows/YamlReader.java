package org.openivr.flows;

import java.io.StringReader;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads SnakeYAML's node tree (never its object construction, which loses positions) and turns
 * every surprise into a problem at the node where it was written. Readers return null after
 * reporting a problem, so callers carry on and find the next one.
 */
final class YamlReader {
    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+");

    final Problems problems;

    YamlReader(Problems problems) {
        this.problems = problems;
    }

    /** The document's root node, or null when it is empty or not YAML (reported). */
    Node compose(String content) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(50);
        try {
            Node root = new Yaml(options).compose(new StringReader(content));
            if (root == null) {
                problems.error(problems.start(), "the file is empty");
            }
            return root;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            boolean fromContext = String.valueOf(e.getProblem()).contains("end of stream")
                    || String.valueOf(e.getContext()).contains("scanning an alias");
            if (fromContext && e.getContextMark() != null) {
                mark = e.getContextMark(); // where the unclosed thing began, not the end of the file
            }
            problems.error(problems.at(mark), "YAML syntax: " + syntaxMessage(e));
        } catch (RuntimeException e) {
            // Limits (size, nesting, aliases) and anything else SnakeYAML refuses; no position is known.
            problems.error(problems.start(), "YAML syntax: " + firstLine(e.getMessage()));
        }
        return null;
    }

    private static String syntaxMessage(MarkedYAMLException e) {
        String problem = e.getProblem() != null ? e.getProblem() : firstLine(e.getMessage());
        String context = e.getContext() == null ? "" : e.getContext();
        if (problem.contains("expected <block end>") || problem.contains("expected '<document start>'")) {
            return "this line is not indented like the lines around it";
        }
        if (problem.contains("mapping values are not allowed here")) {
            return "unexpected ':' (put text that contains ': ' in quotes)";
        }
        if (problem.contains("\\t") || problem.contains("\t")) {
            return "tabs cannot indent YAML: use spaces";
        }
        if (context.contains("scanning an alias")) {
            return "'*' starts an alias in YAML: to mean the * key, put it in quotes: \"*\"";
        }
        if (context.contains("quoted scalar") && problem.contains("end of stream")) {
            return "a quote is never closed";
        }
        if (problem.contains("could not find expected ':'")) {
            return "a key without ':' after it (or a quote that is never closed)";
        }
        if (context.contains("expected a single document")) {
            return "a file holds one document: remove the '---' line";
        }
        return context.isEmpty() ? problem : context + ": " + problem;
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "the file cannot be read";
        }
        return message.lines().findFirst().orElse(message).trim();
    }

    // ---- mappings ----

    /** One key of a mapping and its value. */
    record Entry(ScalarNode key, Node value) {
        String name() {
            return key.getValue();
        }
    }

    /** A mapping's entries in file order; non-text keys and keys written twice are reported. */
    Map<String, Entry> entries(MappingNode mapping) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key) || isNull(key)) {
                problems.error(tuple.getKeyNode(), "a key must be a plain word, not " + describe(tuple.getKeyNode()));
                continue;
            }
            Entry previous = entries.putIfAbsent(key.getValue(), new Entry(key, tuple.getValueNode()));
            if (previous != null) {
                problems.error(key, "'" + key.getValue() + "' is written twice (first at line "
                        + problems.at(previous.key()).line() + ")");
            }
        }
        return entries;
    }

    /** A mapping, or null (reported as "{@code what} must be ..."). */
    MappingNode mapping(Node node, String what, String shape) {
        if (node instanceof MappingNode mapping) {
            return mapping;
        }
        problems.error(node, what + " must be " + shape + ", not " + describe(node));
        return null;
    }

    /**
     * A mapping whose keys must all be in {@code allowed}; unknown keys are reported with a suggestion.
     * Returns null (reported) when the node is not a mapping.
     */
    Map<String, Entry> fields(Node node, String what, Collection<String> allowed) {
        MappingNode mapping = mapping(node, what, "a mapping with " + list(allowed));
        if (mapping == null) {
            return null;
        }
        Map<String, Entry> entries = entries(mapping);
        for (Entry entry : entries.values()) {
            if (!allowed.contains(entry.name())) {
                unknownKey(entry, what, allowed);
            }
        }
        return entries;
    }

    void unknownKey(Entry entry, String what, Collection<String> allowed) {
        problems.error(entry.key(), "unknown key '" + entry.name() + "' in " + what
                + Suggestions.didYouMean(entry.name(), allowed));
    }

    /** "'a', 'b' or 'c'". */
    static String list(Collection<String> words) {
        List<String> quoted = words.stream().map(w -> "'" + w + "'").toList();
        if (quoted.size() <= 1) {
            return String.join("", quoted);
        }
        return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1);
    }

    // ---- scalars ----

    static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)
                && scalar.getScalarStyle() == ScalarStyle.PLAIN;
    }

    /** Text: any scalar that is not empty ({@code ~}, nothing). */
    String text(Node node, String what) {
        if (node instanceof ScalarNode scalar && !isNull(scalar)) {
            return scalar.getValue();
        }
        problems.error(node, what + " must be text, not " + describe(node));
        return null;
    }

    /** Text that is not blank. */
    String nonBlank(Node node, String what) {
        String text = text(node, what);
        if (text != null && text.isBlank()) {
            problems.error(node, what + " must not be empty");
            return null;
        }
        return text;
    }

    Integer integer(Node node, String what, int min, int max, String why) {
        String text = node instanceof ScalarNode scalar && scalar.getScalarStyle() == ScalarStyle.PLAIN
                ? scalar.getValue() : null;
        if (text == null || !INTEGER.matcher(text).matches()) {
            problems.error(node, what + " must be a whole number, not " + describe(node));
            return null;
        }
        BigInteger value = new BigInteger(text.startsWith("+") ? text.substring(1) : text);
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            problems.error(node, what + " must be between " + min + " and " + max + why + ", not " + value);
            return null;
        }
        return value.intValueExact();
    }

    Boolean bool(Node node, String what) {
        if (node instanceof ScalarNode scalar && scalar.getScalarStyle() == ScalarStyle.PLAIN) {
            String value = scalar.getValue();
            if (value.equals("true") || value.equals("false")) {
                return Boolean.valueOf(value);
            }
        }
        problems.error(node, what + " must be true or false, not " + describe(node));
        return null;
    }

    Duration duration(Node node, String what) {
        Duration duration = node instanceof ScalarNode scalar ? Durations.parse(scalar.getValue()) : null;
        if (duration == null) {
            problems.error(node, what + " must be a duration like 500ms, 5s or 2m, not " + describe(node));
        }
        return duration;
    }

    /** A duration in whole seconds within [min, max], as ACS takes them. */
    Duration seconds(Node node, String what, int min, int max, String why) {
        Duration duration = duration(node, what);
        if (duration == null) {
            return null;
        }
        if (duration.toMillis() % 1000 != 0) {
            problems.error(node, what + " must be a whole number of seconds (ACS counts in seconds), not "
                    + Durations.format(duration));
            return null;
        }
        if (duration.toSeconds() < min || duration.toSeconds() > max) {
            problems.error(node, what + " must be between " + min + "s and " + max + "s" + why + ", not "
                    + Durations.format(duration));
            return null;
        }
        return duration;
    }

    /** One phone key. */
    String key(Node node, String what) {
        String text = text(node, what);
        if (text == null) {
            return null;
        }
        if (!Keys.isKey(text)) {
            problems.error(node, notAKey(text, what));
            return null;
        }
        return text;
    }

    static String notAKey(String text, String what) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        String meant = switch (lower) {
            case "pound", "hash", "square" -> " (did you mean '#'?)";
            case "star", "asterisk" -> " (did you mean '*'?)";
            default -> "";
        };
        return what + " '" + text + "' is not a key: keys are 0-9, *, # and A-D" + meant;
    }

    /** A list of texts; a single text is taken as a list of one. */
    List<String> texts(Node node, String what) {
        List<String> texts = new ArrayList<>();
        if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                String text = nonBlank(item, what);
                if (text != null) {
                    texts.add(text);
                }
            }
            return texts;
        }
        String text = nonBlank(node, what);
        if (text != null) {
            texts.add(text);
        }
        return texts;
    }

    /**
     * A variable's initial value or an expected value, typed like YAML 1.2's core schema: plain
     * {@code true}/{@code false} are booleans, plain numbers are Long or Double, anything else
     * (and anything quoted) is text. Returns null (reported) for lists, mappings and empty values.
     */
    Object scalarValue(Node node, String what) {
        if (!(node instanceof ScalarNode scalar) || isNull(node)) {
            problems.error(node, what + " must be text, a number or true/false, not " + describe(node));
            return null;
        }
        String text = scalar.getValue();
        if (scalar.getScalarStyle() != ScalarStyle.PLAIN) {
            return text;
        }
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        if (INTEGER.matcher(text).matches()) {
            try {
                return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
            } catch (NumberFormatException e) {
                problems.error(node, what + " is too large a number: " + text);
                return null;
            }
        }
        if (DECIMAL.matcher(text).matches()) {
            double value = Double.parseDouble(text);
            if (Double.isInfinite(value)) {
                problems.error(node, what + " is too large a number: " + text);
                return null;
            }
            return value;
        }
        return text;
    }

    /** How a node reads in a message: {@code 'five'}, {@code a list}, {@code a mapping}, {@code nothing}. */
    static String describe(Node node) {
        if (node instanceof ScalarNode scalar) {
            if (isNull(scalar)) {
                return "nothing";
            }
            String value = scalar.getValue().replaceAll("\\s+", " ");
            return "'" + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return "a mapping";
    }

}

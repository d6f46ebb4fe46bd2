package org.openivr.flows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.openivr.flows.YamlReader.Entry;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Turns one flow file's YAML tree into a {@link Flow}, reporting every problem on the way; the
 * checks that need the whole flow (targets, reachability, failures, loops) live in {@link FlowChecks}.
 */
final class FlowReader {
    static final Pattern FLOW_NAME = Pattern.compile("[a-z0-9-]+");
    static final Pattern NODE_ID = Pattern.compile("[a-z][a-z0-9_-]*");
    private static final Pattern HASH_KEY = Pattern.compile("^\\s*(#)\\s*:\\s*([a-z][a-z0-9_-]*)\\s*$");

    static final List<String> TOP_LEVEL =
            List.of("flow", "description", "language", "voice", "start", "variables", "defaults", "anytime", "nodes");
    /** Every verb, in the order flow-language.md lists them. */
    static final List<String> VERBS = List.of("play", "menu", "ask", "sendDtmf", "keys", "hold", "unhold", "record",
            "stream", "listen", "transfer", "set", "when", "hours", "wait", "subflow", "hangup");
    /** Verbs with a {@code failed} outcome, which goes to {@code defaults.onError} when the node does not map it. */
    static final List<String> FAILING_VERBS =
            List.of("menu", "ask", "sendDtmf", "hold", "unhold", "record", "stream", "transfer");

    static final List<String> PLAY_FIELDS = List.of("prompt", "bargeIn");
    static final List<String> MENU_FIELDS =
            List.of("prompt", "options", "timeout", "attempts", "noInput", "noMatch", "bargeIn", "sensitive");
    static final List<String> ASK_FIELDS = List.of("prompt", "into", "digits", "timeout", "interDigitTimeout",
            "attempts", "pattern", "noInput", "noMatch", "sensitive", "bargeIn");
    static final List<String> DIGITS_FIELDS = List.of("min", "max", "stopOn");
    static final List<String> DEFAULTS_FIELDS = List.of("timeout", "attempts", "onError");
    static final List<String> BARGE_IN = List.of("keys", "speech", "none");

    static final String FAILED = "failed";
    static final String OK = "ok";

    // Limits of ACS Call Automation's recognize operation (see shared/reference/acs-wire.md, 6.2).
    /** initialSilenceTimeoutInSeconds: ACS takes 0..300; 0 would not wait for the caller at all. */
    static final int MAX_TIMEOUT_SECONDS = 300;
    /** dtmfOptions.interToneTimeoutInSeconds: 1..60. */
    static final int MAX_INTER_DIGIT_SECONDS = 60;
    /**
     * dtmfOptions.maxTonesToCollect: ACS documents only a minimum of 1. We cap it at 30: longer than
     * any account, card or phone number a caller types (an international number is at most 15
     * digits), and a caller keying in more than that is better served by an agent.
     */
    static final int MAX_DIGITS = 30;
    /** How often an input node may ask: beyond 10 a caller is stuck, not retrying. */
    static final int MAX_ATTEMPTS = 10;
    static final Duration DEFAULT_INTER_DIGIT_TIMEOUT = Duration.ofSeconds(2);
    /** The longest {@code wait}: a caller left in silence longer than this has hung up. */
    static final Duration MAX_WAIT = Duration.ofMinutes(10);

    /** One way out of a node (or of the flow, when {@code from} is null), kept with where it was written. */
    record Exit(String from, String label, String target, ScalarNode at) {}

    final Problems problems;
    final YamlReader yaml;
    private final String fileName;
    private final CallVerbs callVerbs;
    /** Where other flows are found, or null when subflows are not checked (a subflow being checked for its caller). */
    private final Subflows subflows;
    /** Subflow nodes: id -> where the called flow's name is written. */
    private final Map<String, ScalarNode> subflowNames = new LinkedHashMap<>();
    private String name;

    /** Built once the variables are read, before any expression is checked. */
    private ExpressionEvaluator evaluator;
    private final Map<String, Object> variables = new LinkedHashMap<>();
    private Defaults defaults = Defaults.STANDARD;
    private final Map<String, String> anytime = new LinkedHashMap<>();
    private final Map<String, ScalarNode> anytimeKeys = new LinkedHashMap<>();
    /** Every node id written, including nodes whose verb is not supported, with its key. */
    private final Map<String, ScalarNode> nodeKeys = new LinkedHashMap<>();
    /** Where each node's verb was written, and which verb it is (supported or not). */
    private final Map<String, ScalarNode> verbKeys = new LinkedHashMap<>();
    /** The outcomes each node's {@code on:} names, valid targets or not. */
    private final Map<String, Set<String>> outcomesWritten = new LinkedHashMap<>();
    /** Declared variables whose initial value is wrong (reported): other problems about them would only repeat it. */
    private final Set<String> brokenVariables = new LinkedHashSet<>();
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    /** Menu option keys as written, per menu node. */
    private final Map<String, Map<String, ScalarNode>> menuKeys = new LinkedHashMap<>();
    private final List<Exit> exits = new ArrayList<>();
    /**
     * Expression checks, run once every node is read so that all expressions are type-checked together
     * ({@link ExpressionEvaluator#precheck}); they report in file order anyway.
     */
    private final List<Runnable> pendingChecks = new ArrayList<>();
    private final List<String> expressions = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();

    FlowReader(Problems problems, String fileName, Subflows subflows) {
        this.problems = problems;
        this.yaml = new YamlReader(problems);
        this.fileName = fileName;
        this.subflows = subflows;
        this.callVerbs = new CallVerbs(this);
    }

    /** The flow, or null when it has errors (all reported). */
    Flow read(String content) {
        org.yaml.snakeyaml.nodes.Node root = yaml.compose(content);
        if (root == null) {
            return null;
        }
        warnAboutHashKeys(content);
        Map<String, Entry> top = yaml.fields(root, "a flow file", TOP_LEVEL);
        if (top == null) {
            return null;
        }
        name = readName(top.get("flow"));
        String description = optionalText(top.get("description"), "description");
        String language = optionalText(top.get("language"), "language");
        String voice = optionalText(top.get("voice"), "voice");
        readVariables(top.get("variables"));
        evaluator = new ExpressionEvaluator(variables);
        readDefaults(top.get("defaults"));
        readAnytime(top.get("anytime"));
        readNodes(top.get("nodes"));
        evaluator.precheck(expressions, texts);
        pendingChecks.forEach(Runnable::run);
        ScalarNode startAt = null;
        String start = null;
        Entry startEntry = top.get("start");
        if (startEntry == null) {
            problems.error(problems.start(), "the flow needs 'start': the node a call begins with");
        } else {
            start = yaml.nonBlank(startEntry.value(), "start");
            startAt = startEntry.value() instanceof ScalarNode s ? s : null;
        }
        new FlowChecks(problems, this).run(start, startAt);
        if (subflows != null && !subflowNames.isEmpty()) {
            new SubflowChecks(problems, this, subflows).run();
        }
        if (problems.hasErrors()) {
            return null;
        }
        return new Flow(name, description, language, voice, start, Collections.unmodifiableMap(variables), defaults,
                Collections.unmodifiableMap(anytime), Collections.unmodifiableMap(nodes), fileName);
    }

    // ---- what FlowChecks reads ----

    Map<String, ScalarNode> nodeKeys() {
        return nodeKeys;
    }

    Map<String, ScalarNode> verbKeys() {
        return verbKeys;
    }

    Map<String, Node> nodes() {
        return nodes;
    }

    /** The verb of a node, or null when it has none. */
    String verb(String id) {
        ScalarNode key = verbKeys.get(id);
        return key == null ? null : key.getValue();
    }

    boolean writesOutcome(String id, String outcome) {
        return outcomesWritten.getOrDefault(id, Set.of()).contains(outcome);
    }

    List<Exit> exits() {
        return exits;
    }

    /** The flow's name as written (null when missing). */
    String name() {
        return name;
    }

    Map<String, Object> variables() {
        return variables;
    }

    Map<String, ScalarNode> subflowNames() {
        return subflowNames;
    }

    Defaults defaults() {
        return defaults;
    }

    Map<String, ScalarNode> anytimeKeys() {
        return anytimeKeys;
    }

    Map<String, Map<String, ScalarNode>> menuKeys() {
        return menuKeys;
    }

    // ---- top level ----

    private String readName(Entry entry) {
        if (entry == null) {
            problems.error(problems.start(), "the flow needs 'flow': its name, the file name without .yaml");
            return null;
        }
        String name = yaml.nonBlank(entry.value(), "flow");
        if (name == null) {
            return null;
        }
        if (!FLOW_NAME.matcher(name).matches()) {
            problems.error(entry.value(), "flow name '" + name + "' may only use a-z, 0-9 and '-'");
            return name;
        }
        String expected = baseName(fileName);
        if (!name.equals(expected)) {
            problems.error(entry.value(), "flow '" + name + "' does not match its file name: call it '" + expected
                    + "' or rename the file to '" + name + ".yaml'");
        }
        return name;
    }

    /**
     * YAML reads {@code #: agent} as a comment, so a menu option for the # key written without quotes
     * silently disappears: say so.
     */
    private void warnAboutHashKeys(String content) {
        List<String> lines = content.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = HASH_KEY.matcher(lines.get(i));
            if (m.find()) {
                problems.warning(new SourcePosition(fileName, i + 1, m.start(1) + 1), "this line is a comment: to"
                        + " use the # key, put it in quotes: \"#\": " + m.group(2));
            }
        }
    }

    /** {@code flows/support-line.yaml} -> {@code support-line}. */
    static String baseName(String fileName) {
        String base = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        for (String extension : List.of(".calls.yaml", ".yaml", ".yml")) {
            if (base.endsWith(extension)) {
                return base.substring(0, base.length() - extension.length());
            }
        }
        return base;
    }

    private String optionalText(Entry entry, String what) {
        return entry == null ? null : yaml.nonBlank(entry.value(), what);
    }

    private void readVariables(Entry entry) {
        if (entry == null) {
            return;
        }
        MappingNode mapping = yaml.mapping(entry.value(), "variables", "a mapping of variable names to initial values");
        if (mapping == null) {
            return;
        }
        for (Entry variable : yaml.entries(mapping).values()) {
            String problem = ExpressionEvaluator.variableNameProblem(variable.name());
            if (problem != null) {
                problems.error(variable.key(), problem);
                continue;
            }
            if (YamlReader.isNull(variable.value())) {
                problems.error(variable.key(), "variable '" + variable.name() + "' needs an initial value: \"\" for"
                        + " text, 0 for a number, false for true/false");
                brokenVariables.add(variable.name());
                continue;
            }
            Object value = yaml.scalarValue(variable.value(), "variable '" + variable.name() + "'");
            if (value != null) {
                variables.put(variable.name(), value);
            } else {
                brokenVariables.add(variable.name());
            }
        }
    }

    private void readDefaults(Entry entry) {
        if (entry == null) {
            return;
        }
        Map<String, Entry> fields = yaml.fields(entry.value(), "defaults", DEFAULTS_FIELDS);
        if (fields == null) {
            return;
        }
        Duration timeout = fields.containsKey("timeout")
                ? timeout(fields.get("timeout"), "defaults.timeout") : Defaults.STANDARD.timeout();
        Integer attempts = fields.containsKey("attempts")
                ? attempts(fields.get("attempts"), "defaults.attempts") : Integer.valueOf(Defaults.STANDARD.attempts());
        String onError = null;
        if (fields.containsKey("onError")) {
            onError = target(fields.get("onError"), null, "defaults.onError");
        }
        defaults = new Defaults(timeout == null ? Defaults.STANDARD.timeout() : timeout,
                attempts == null ? Defaults.STANDARD.attempts() : attempts, onError);
    }

    private void readAnytime(Entry entry) {
        if (entry == null) {
            return;
        }
        MappingNode mapping = yaml.mapping(entry.value(), "anytime", "a mapping of keys to targets");
        if (mapping == null) {
            return;
        }
        for (Entry key : yaml.entries(mapping).values()) {
            if (!Keys.isKey(key.name())) {
                problems.error(key.key(), YamlReader.notAKey(key.name(), "anytime key"));
                continue;
            }
            String target = target(key, null, "anytime key '" + key.name() + "'");
            if (target != null) {
                anytime.put(key.name(), target);
                anytimeKeys.put(key.name(), key.key());
            }
        }
    }

    // ---- nodes ----

    private void readNodes(Entry entry) {
        if (entry == null) {
            problems.error(problems.start(), "the flow needs 'nodes': what the call does, node by node");
            return;
        }
        MappingNode mapping = yaml.mapping(entry.value(), "nodes", "a mapping of node ids to nodes");
        if (mapping == null) {
            return;
        }
        Map<String, Entry> entries = yaml.entries(mapping);
        if (entries.isEmpty()) {
            problems.error(entry.key(), "'nodes' is empty: a flow needs at least one node");
        }
        for (Entry node : entries.values()) {
            if (!NODE_ID.matcher(node.name()).matches()) {
                problems.error(node.key(), "node id '" + node.name()
                        + "' must start with a-z and use only a-z, 0-9, '-' and '_'");
            }
            nodeKeys.put(node.name(), node.key());
        }
        for (Entry node : entries.values()) {
            readNode(node);
        }
    }

    private void readNode(Entry entry) {
        String id = entry.name();
        MappingNode mapping = yaml.mapping(entry.value(), "node '" + id + "'",
                "a mapping with one verb (" + String.join(", ", VERBS) + ")");
        if (mapping == null) {
            return;
        }
        Map<String, Entry> fields = yaml.entries(mapping);
        List<Entry> verbs = fields.values().stream()
                .filter(e -> VERBS.contains(e.name()))
                .toList();
        if (verbs.size() > 1) {
            problems.error(verbs.get(1).key(), "node '" + id + "' has two verbs, '" + verbs.get(0).name() + "' and '"
                    + verbs.get(1).name() + "': a node does one thing");
        }
        Entry verb = verbs.isEmpty() ? null : verbs.get(0);
        List<String> exitKeys = verb == null ? List.of("next", "on", "else") : exitKeys(verb.name());
        boolean unknownKeys = false;
        for (Entry field : fields.values()) {
            if (verbs.contains(field) || exitKeys.contains(field.name())) {
                continue;
            }
            unknownKeys = true;
            if (List.of("next", "on", "else").contains(field.name())) {
                problems.error(field.key(), "'" + field.name() + "' is not used by " + verb.name() + ": "
                        + exitHint(verb.name()));
            } else {
                List<String> known = new ArrayList<>(VERBS);
                known.addAll(exitKeys);
                problems.error(field.key(), "unknown key '" + field.name() + "' in node '" + id + "'"
                        + Suggestions.didYouMean(field.name(), known));
            }
        }
        if (verb == null) {
            if (!unknownKeys) {
                problems.error(entry.key(), "node '" + id + "' has no verb: give it one of "
                        + String.join(", ", VERBS));
            }
            readAnyExits(id, fields);
            return;
        }
        verbKeys.put(id, verb.key());
        SourcePosition position = problems.at(entry.key());
        Node node = switch (verb.name()) {
            case "play" -> readPlay(id, position, verb, fields);
            case "menu" -> readMenu(id, position, verb, fields);
            case "ask" -> readAsk(id, position, verb, fields);
            case "set" -> readSet(id, position, verb, fields);
            case "when" -> readWhen(id, position, verb, fields);
            case "hours" -> new HoursReader(this).read(id, position, verb, fields);
            case "wait" -> readWait(id, position, verb, fields);
            case "subflow" -> readSubflow(id, position, verb, fields);
            case "sendDtmf" -> callVerbs.readSendDtmf(id, position, verb, fields);
            case "keys" -> callVerbs.readKeys(id, position, verb, fields);
            case "hold" -> callVerbs.readHold(id, position, verb, fields);
            case "unhold" -> callVerbs.readUnhold(id, position, verb, fields);
            case "record" -> callVerbs.readRecord(id, position, verb, fields);
            case "stream" -> callVerbs.readStream(id, position, verb, fields);
            case "listen" -> callVerbs.readListen(id, position, verb, fields);
            case "transfer" -> callVerbs.readTransfer(id, position, verb, fields);
            default -> readHangup(id, position, verb);
        };
        if (node != null) {
            nodes.put(id, node);
        }
    }

    private static List<String> exitKeys(String verb) {
        return switch (verb) {
            case "play", "set", "keys", "wait", "subflow" -> List.of("next");
            case "sendDtmf", "hold", "unhold", "record", "stream" -> List.of("next", "on");
            case "menu", "ask", "listen", "transfer", "hours" -> List.of("on");
            case "when" -> List.of("else");
            default -> List.of();
        };
    }

    private static String exitHint(String verb) {
        return switch (verb) {
            case "play", "set", "keys", "wait" -> "its one way out is 'next'";
            case "subflow" -> "it goes on with 'next' once the subflow returns";
            case "sendDtmf", "hold", "unhold", "record", "stream" -> "it goes on with 'next', and with"
                    + " 'on: {failed: ...}' when ACS cannot do it";
            case "menu" -> "its options say where the call goes, and 'on: {failed: ...}' where it goes when"
                    + " attempts run out";
            case "ask" -> "it goes on with 'on: {ok: ..., failed: ...}'";
            case "listen" -> "it goes on with 'on:', one target per thing it listens for";
            case "transfer" -> "it goes on with 'on: {failed: ...}' when the transfer fails";
            case "hours" -> "it goes on with 'on: {open: ..., closed: ...}'";
            case "when" -> "its 'if' branches and 'else' say where the call goes";
            default -> "it ends the call";
        };
    }

    /** The exits of a node whose verb is unknown or unsupported: kept so its targets count as reached. */
    private void readAnyExits(String id, Map<String, Entry> fields) {
        if (fields.containsKey("next")) {
            target(fields.get("next"), id, "next");
        }
        if (fields.containsKey("else")) {
            target(fields.get("else"), id, "else");
        }
        if (fields.get("on") != null && fields.get("on").value() instanceof MappingNode on) {
            for (Entry outcome : yaml.entries(on).values()) {
                target(outcome, id, "on." + outcome.name());
            }
        }
    }

    String next(String id, String verb, Map<String, Entry> fields, Entry verbEntry) {
        Entry next = fields.get("next");
        if (next == null) {
            problems.error(verbEntry.key(), "node '" + id + "' needs 'next': where the call goes after the " + verb);
            return null;
        }
        return target(next, id, "next");
    }

    /** An {@code on:} mapping of this verb's outcomes to targets. */
    Map<String, String> on(String id, String verb, Map<String, Entry> fields, List<String> outcomes) {
        return on(id, verb, fields, outcomes, Map.of());
    }

    /**
     * An {@code on:} mapping of this verb's outcomes to targets.
     *
     * @param unused outcomes the verb has but this node cannot take -> why (reported instead of "no outcome")
     */
    Map<String, String> on(String id, String verb, Map<String, Entry> fields, List<String> outcomes,
                           Map<String, String> unused) {
        Map<String, String> on = new LinkedHashMap<>();
        Entry entry = fields.get("on");
        if (entry == null) {
            return on;
        }
        MappingNode mapping = yaml.mapping(entry.value(), "'on' of node '" + id + "'",
                "a mapping of outcomes (" + String.join(", ", outcomes) + ") to targets");
        if (mapping == null) {
            return on;
        }
        for (Entry outcome : yaml.entries(mapping).values()) {
            outcomesWritten.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(outcome.name());
            if (unused.containsKey(outcome.name())) {
                problems.error(outcome.key(), unused.get(outcome.name()));
                continue;
            }
            if (!outcomes.contains(outcome.name())) {
                problems.error(outcome.key(), verb + " has no outcome '" + outcome.name() + "': its outcomes are "
                        + YamlReader.list(outcomes).replace(" or ", " and ")
                        + Suggestions.didYouMean(outcome.name(), outcomes));
                continue;
            }
            String target = target(outcome, id, "on." + outcome.name());
            if (target != null) {
                on.put(outcome.name(), target);
            }
        }
        return on;
    }

    /** A target (checked once every node is known) written as the value of {@code entry}. */
    String target(Entry entry, String from, String label) {
        String target = yaml.nonBlank(entry.value(), label);
        if (target != null) {
            exits.add(new Exit(from, label, target, (ScalarNode) entry.value()));
        }
        return target;
    }

    private Node readPlay(String id, SourcePosition position, Entry verb, Map<String, Entry> fields) {
        List<Prompt> prompt;
        BargeIn bargeIn = BargeIn.KEYS;
        if (verb.value() instanceof MappingNode mapping && yaml.entries(mapping).containsKey("prompt")) {
            Map<String, Entry> play = yaml.fields(mapping, "play", PLAY_FIELDS);
            prompt = prompts(play.get("prompt").value(), "prompt", id);
            bargeIn = bargeIn(play.get("bargeIn"), bargeIn);
        } else {
            prompt = prompts(verb.value(), "play", id);
        }
        String next = next(id, "play", fields, verb);
        return new Node.Play(id, position, prompt, bargeIn, next, Map.of());
    }

    private Node readMenu(String id, SourcePosition position, Entry verb, Map<String, Entry> fields) {
        String what = "menu '" + id + "'";
        Map<String, Entry> menu = yaml.fields(verb.value(), what, MENU_FIELDS);
        Map<String, String> on = on(id, "menu", fields, List.of(FAILED));
        if (menu == null) {
            return null;
        }
        List<Prompt> prompt = optionalPrompts(menu.get("prompt"), id);
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, List<String>> words = new LinkedHashMap<>();
        Map<String, ScalarNode> keys = new LinkedHashMap<>();
        Entry optionsEntry = menu.get("options");
        if (optionsEntry == null) {
            problems.error(verb.key(), what + " needs 'options': which key goes where");
        } else {
            MappingNode mapping = yaml.mapping(optionsEntry.value(), "options", "a mapping of keys to targets");
            if (mapping != null) {
                Map<String, Entry> entries = yaml.entries(mapping);
                if (entries.isEmpty()) {
                    problems.error(optionsEntry.key(), what + " has no options");
                }
                for (Entry option : entries.values()) {
                    readOption(id, option, options, words);
                    keys.put(option.name(), option.key());
                }
            }
        }
        menuKeys.put(id, keys);
        Duration timeout = menu.containsKey("timeout") ? timeout(menu.get("timeout"), "timeout") : defaults.timeout();
        Integer attempts = menu.containsKey("attempts")
                ? attempts(menu.get("attempts"), "attempts") : Integer.valueOf(defaults.attempts());
        List<Prompt> noInput = optionalPrompts(menu.get("noInput"), id);
        List<Prompt> noMatch = optionalPrompts(menu.get("noMatch"), id);
        BargeIn bargeIn = bargeIn(menu.get("bargeIn"), BargeIn.KEYS);
        Boolean sensitive = menu.containsKey("sensitive") ? yaml.bool(menu.get("sensitive").value(), "sensitive")
                : Boolean.FALSE;
        if (timeout == null || attempts == null || sensitive == null) {
            return null;
        }
        return new Node.Menu(id, position, prompt, Collections.unmodifiableMap(options), timeout, attempts, noInput,
                noMatch, bargeIn, Collections.unmodifiableMap(on), Collections.unmodifiableMap(words), sensitive);
    }

    private void readOption(String id, Entry option, Map<String, String> options, Map<String, List<String>> words) {
        boolean isKey = Keys.isKey(option.name());
        if (!isKey) {
            problems.error(option.key(), YamlReader.notAKey(option.name(), "option"));
        }
        String label = "option '" + option.name() + "'";
        if (option.value() instanceof MappingNode) {
            Map<String, Entry> fields = yaml.fields(option.value(), label, List.of("to", "say"));
            if (fields == null) {
                return;
            }
            if (!fields.containsKey("to")) {
                problems.error(option.key(), label + " needs 'to': where the call goes");
                return;
            }
            String target = target(fields.get("to"), id, label);
            if (target != null && isKey) {
                options.put(option.name(), target);
            }
            if (fields.containsKey("say")) {
                words.put(option.name(), List.copyOf(yaml.texts(fields.get("say").value(), "say")));
            }
            return;
        }
        String target = target(option, id, label);
        if (target != null && isKey) {
            options.put(option.name(), target);
        }
    }

    private Node readAsk(String id, SourcePosition position, Entry verb, Map<String, Entry> fields) {
        String what = "ask '" + id + "'";
        Map<String, Entry> ask = yaml.fields(verb.value(), what, ASK_FIELDS);
        Map<String, String> on = on(id, "ask", fields, List.of(OK, FAILED));
        if (!writesOutcome(id, OK)) {
            problems.error(verb.key(), "node '" + id + "' needs 'on: {ok: ...}': where the call goes once the caller"
                    + " has answered");
        }
        if (ask == null) {
            return null;
        }
        List<Prompt> prompt = optionalPrompts(ask.get("prompt"), id);
        String into = null;
        if (!ask.containsKey("into")) {
            problems.error(verb.key(), what + " needs 'into': the variable that keeps the keys");
        } else {
            into = into(ask.get("into"));
        }
        Integer min = 1;
        Integer max = null;
        String stopOn = null;
        if (!ask.containsKey("digits")) {
            problems.error(verb.key(), what + " needs 'digits' with at least 'max': how many keys to collect");
        } else {
            Map<String, Entry> digits = yaml.fields(ask.get("digits").value(), "digits", DIGITS_FIELDS);
            if (digits != null) {
                if (!digits.containsKey("max")) {
                    problems.error(ask.get("digits").key(), "digits needs 'max': the most keys the caller may press");
                } else {
                    max = yaml.integer(digits.get("max").value(), "digits.max", 1, MAX_DIGITS, "");
                }
                if (digits.containsKey("min")) {
                    min = yaml.integer(digits.get("min").value(), "digits.min", 1, MAX_DIGITS, "");
                    if (min != null && max != null && min > max) {
                        problems.error(digits.get("min").value(), "digits.min (" + min + ") is more than digits.max ("
                                + max + ")");
                    }
                }
                if (digits.containsKey("stopOn")) {
                    stopOn = yaml.key(digits.get("stopOn").value(), "digits.stopOn");
                }
            }
        }
        Duration timeout = ask.containsKey("timeout") ? timeout(ask.get("timeout"), "timeout") : defaults.timeout();
        Duration interDigit = ask.containsKey("interDigitTimeout")
                ? yaml.seconds(ask.get("interDigitTimeout").value(), "interDigitTimeout", 1, MAX_INTER_DIGIT_SECONDS,
                        " (ACS waits 1 to 60 seconds between keys)")
                : DEFAULT_INTER_DIGIT_TIMEOUT;
        Integer attempts = ask.containsKey("attempts")
                ? attempts(ask.get("attempts"), "attempts") : Integer.valueOf(defaults.attempts());
        String pattern = ask.containsKey("pattern") ? pattern(ask.get("pattern")) : null;
        List<Prompt> noInput = optionalPrompts(ask.get("noInput"), id);
        List<Prompt> noMatch = optionalPrompts(ask.get("noMatch"), id);
        Boolean sensitive = ask.containsKey("sensitive") ? yaml.bool(ask.get("sensitive").value(), "sensitive")
                : Boolean.FALSE;
        BargeIn bargeIn = bargeIn(ask.get("bargeIn"), BargeIn.KEYS);
        if (into == null || min == null || max == null || timeout == null || interDigit == null || attempts == null
                || sensitive == null) {
            return null;
        }
        return new Node.Ask(id, position, prompt, into, min, max, stopOn, timeout, interDigit, attempts, pattern,
                noInput, noMatch, sensitive, bargeIn, Collections.unmodifiableMap(on));
    }

    /** The variable an ask stores into: declared, and text (keys such as 007 are not numbers). */
    private String into(Entry entry) {
        String into = yaml.nonBlank(entry.value(), "into");
        if (into == null) {
            return null;
        }
        if (brokenVariables.contains(into)) {
            return null;
        }
        if (!variables.containsKey(into)) {
            problems.error(entry.value(), "'into' names '" + into + "', which is not a declared variable"
                    + Suggestions.didYouMean(into, variables.keySet()));
            return null;
        }
        if (!(variables.get(into) instanceof String)) {
            problems.error(entry.value(), "'into' names '" + into + "', which holds " + kind(variables.get(into))
                    + ": keys are kept as text, so declare it with \"\"");
            return null;
        }
        return into;
    }

    private String pattern(Entry entry) {
        String pattern = yaml.nonBlank(entry.value(), "pattern");
        if (pattern == null) {
            return null;
        }
        try {
            Pattern.compile(pattern);
            return pattern;
        } catch (PatternSyntaxException e) {
            problems.error(entry.value(), "pattern '" + pattern + "' is not a valid regular expression: "
                    + e.getDescription() + (e.getIndex() >= 0 ? " at character " + (e.getIndex() + 1) : ""));
            return null;
        }
    }

    private Node readSet(String id, SourcePosition position, Entry verb, Map<String, Entry> fields) {
        MappingNode mapping = yaml.mapping(verb.value(), "set", "a mapping of variables to expressions");
        String next = next(id, "set", fields, verb);
        if (mapping == null) {
            return null;
        }
        Map<String, String> assignments = new LinkedHashMap<>();
        Map<String, Entry> entries = yaml.entries(mapping);
        if (entries.isEmpty()) {
            problems.error(verb.key(), "node '" + id + "' sets nothing");
        }
        for (Entry assignment : entries.values()) {
            String variable = assignment.name();
            if (brokenVariables.contains(variable)) {
                continue;
            }
            if (!variables.containsKey(variable)) {
                problems.error(assignment.key(), "node '" + id + "' sets '" + variable
                        + "', which is not a declared variable" + Suggestions.didYouMean(variable, variables.keySet()));
                continue;
            }
            String expression = yaml.nonBlank(assignment.value(), "the value of '" + variable + "'");
            if (expression == null) {
                continue;
            }
            expressions.add(expression);
            pendingChecks.add(() -> {
                for (String problem : expressionProblems(evaluator.checkAssignment(variable, expression))) {
                    problems.error(assignment.value(), "node '" + id + "': value for '" + variable + "' '"
                            + expression + "': " + problem);
                }
            });
            assignments.put(variable, expression);
        }
        return new Node.Set(id, position, Collections.unmodifiableMap(assignments), next, Map.of());
    }

    private Node readWhen(String id, SourcePosition position, Entry verb, Map<String, Entry> fields) {
        List<Node.When.Branch> branches = new ArrayList<>();
        if (!(verb.value() instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
            problems.error(verb.value(), "when must be a list of branches like '- {if: CONDITION, then: TARGET}', not "
                    + YamlReader.describe(verb.value()));
        } else {
            for (org.yaml.snakeyaml.nodes.Node item : sequence.getValue()) {
                Map<String, Entry> branch = yaml.fields(item, "a when branch", List.of("if", "then"));
                if (branch == null) {
                    continue;
                }
                String condition = null;
                if (!branch.containsKey("if")) {
                    problems.error(item, "this branch needs 'if': the condition");
                } else {
                    condition = yaml.nonBlank(branch.get("if").value(), "if");
                    if (condition != null) {
                        String checked = condition;
                        org.yaml.snakeyaml.nodes.Node at = branch.get("if").value();
                        expressions.add(checked);
                        pendingChecks.add(() -> {
                            for (String problem : expressionProblems(evaluator.checkCondition(checked))) {
                                problems.error(at, "node '" + id + "': condition '" + checked + "': " + problem);
                            }
                        });
                    }
                }
                String target = null;
                if (!branch.containsKey("then")) {
                    problems.error(item, "this branch needs 'then': where the call goes when the condition holds");
                } else {
                    target = target(branch.get("then"), id, "then");
                }
                branches.add(new Node.When.Branch(condition, target, problems.at(item)));
            }
        }
        String otherwise = null;
        if (!fields.containsKey("else")) {
            problems.error(verb.key(), "node '" + id + "' needs 'else': where the call goes when no condition holds");
        } else {
            otherwise = target(fields.get("else"), id, "else");
        }
        return new Node.When(id, position, List.copyOf(branches), otherwise, Map.of());
    }

    private Node readWait(String id, SourcePosition position, Entry verb, Map<String, Entry> fields) {
        String next = next(id, "wait", fields, verb);
        Duration duration = yaml.duration(verb.value(), "wait");
        if (duration != null && (duration.isZero() || duration.compareTo(MAX_WAIT) > 0)) {
            problems.error(verb.value(), "wait must be between 1ms and 10m, not " + Durations.format(duration));
            duration = null;
        }
        return duration == null ? null : new Node.Wait(id, position, duration, next, Map.of());
    }

    private Node readSubflow(String id, SourcePosition position, Entry verb, Map<String, Entry> fields) {
        String next = next(id, "subflow", fields, verb);
        org.yaml.snakeyaml.nodes.Node nameNode = verb.value();
        if (verb.value() instanceof MappingNode) {
            Map<String, Entry> subflow = yaml.fields(verb.value(), "subflow '" + id + "'", List.of("flow"));
            if (subflow == null) {
                return null;
            }
            if (!subflow.containsKey("flow")) {
                problems.error(verb.key(), "subflow '" + id + "' needs 'flow': the name of the flow to run");
                return null;
            }
            nameNode = subflow.get("flow").value();
        }
        String flow = yaml.nonBlank(nameNode, "subflow's flow");
        if (flow == null) {
            return null;
        }
        if (!FLOW_NAME.matcher(flow).matches()) {
            problems.error(nameNode, "subflow '" + flow + "' is not a flow name: flow names use only a-z, 0-9 and '-'");
            return null;
        }
        subflowNames.put(id, (ScalarNode) nameNode);
        return new Node.Subflow(id, position, flow, next, Map.of());
    }

    private Node readHangup(String id, SourcePosition position, Entry verb) {
        boolean empty = YamlReader.isNull(verb.value())
                || (verb.value() instanceof MappingNode mapping && mapping.getValue().isEmpty());
        if (!empty) {
            problems.error(verb.value(), "hangup takes no settings: write 'hangup: {}'");
        }
        return new Node.Hangup(id, position, Map.of());
    }

    // ---- fields shared by verbs ----

    Duration timeout(Entry entry, String what) {
        return yaml.seconds(entry.value(), what, 1, MAX_TIMEOUT_SECONDS,
                " (ACS waits 1 to 300 seconds for the first key)");
    }

    private Integer attempts(Entry entry, String what) {
        return yaml.integer(entry.value(), what, 1, MAX_ATTEMPTS, "");
    }

    private BargeIn bargeIn(Entry entry, BargeIn otherwise) {
        if (entry == null) {
            return otherwise;
        }
        String text = yaml.text(entry.value(), "bargeIn");
        if (text == null) {
            return otherwise;
        }
        if (!BARGE_IN.contains(text)) {
            problems.error(entry.value(), "bargeIn must be " + YamlReader.list(BARGE_IN) + ", not '" + text + "'"
                    + Suggestions.didYouMean(text, BARGE_IN));
            return otherwise;
        }
        return BargeIn.valueOf(text.toUpperCase(Locale.ROOT));
    }

    List<Prompt> optionalPrompts(Entry entry, String id) {
        return entry == null ? List.of() : prompts(entry.value(), entry.name(), id);
    }

    List<Prompt> prompts(org.yaml.snakeyaml.nodes.Node node, String what, String id) {
        return new PromptReader(yaml, (text, at) -> {
            if (!Interpolation.hasExpressions(text)) {
                return;
            }
            texts.add(text);
            pendingChecks.add(() -> expressionProblems(evaluator.checkInterpolation(text))
                    .forEach(problem -> problems.error(at, "node '" + id + "': prompt text: " + problem)));
        }).prompts(node, what);
    }

    /** Drops "unknown name" problems about variables whose declaration is already reported as wrong. */
    private List<String> expressionProblems(List<String> found) {
        return found.stream()
                .filter(p -> brokenVariables.stream().noneMatch(v -> p.contains("unknown name '" + v + "'")))
                .toList();
    }

    private static String kind(Object value) {
        if (value instanceof Boolean) {
            return "true/false";
        }
        return value instanceof Long ? "a whole number" : "a number";
    }
}

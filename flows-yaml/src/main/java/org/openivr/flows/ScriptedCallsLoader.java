package org.openivr.flows;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.openivr.flows.YamlReader.Entry;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Loads {@code flows/NAME.calls.yaml}: scripted test callers and what must happen to them (see
 * "Scripted callers" in flow-language.md). Problems are reported like {@link FlowLoader}'s.
 */
public final class ScriptedCallsLoader {
    public static final List<String> ENDINGS = List.of("hungup-by-flow", "hungup-by-caller", "transferred");
    /** How an outbound call may end: as an incoming one, or without the flow ever running. */
    public static final List<String> OUTBOUND_ENDINGS = List.of("hungup-by-flow", "hungup-by-caller", "transferred",
            "busy", "no-answer", "rejected", "failed");
    private static final List<String> DIRECTIONS = List.of("inbound", "outbound");
    private static final List<String> ANSWERS = List.of("after 2s", "busy", "no-answer", "reject");
    private static final java.util.regex.Pattern E164 = java.util.regex.Pattern.compile("\\+[1-9][0-9]{1,14}");

    private static final List<String> TOP_LEVEL = List.of("flow", "calls");
    private static final List<String> CALL_FIELDS = List.of("name", "direction", "from", "to", "answer", "at", "caller",
            "expect");
    private static final List<String> EXPECT_FIELDS = List.of("path", "variables", "ends", "interrupted");
    private static final List<String> STEPS = List.of("press", "say", "interrupt", "silence", "noise", "hangup");
    /** Background noise below this is no longer heard in 16-bit audio; the bound only catches typing slips. */
    private static final double QUIETEST_NOISE_DBFS = -120;
    private static final String STEP_KINDS = "'press: KEYS', 'say: WORDS', 'interrupt: WORDS', 'silence: DURATION',"
            + " 'noise: DBFS' or 'hangup'";

    private final Problems problems;
    private final YamlReader yaml;
    private final Flow flow;
    /** Where the flows that {@code flow} runs as subflows are found. */
    private final Subflows subflows;
    /** Where each call's path entries and variables were written, for the check against the flow. */
    private final List<ScalarNode> pathEntries = new ArrayList<>();
    private final List<Entry> variableEntries = new ArrayList<>();
    private final List<ScalarNode> interruptedEntries = new ArrayList<>();

    private ScriptedCallsLoader(Problems problems, Flow flow, Subflows subflows) {
        this.problems = problems;
        this.yaml = new YamlReader(problems);
        this.flow = flow;
        this.subflows = subflows;
    }

    public static ScriptedCalls load(Path file) {
        return parse(file.toString().replace('\\', '/'), FlowLoader.read(file));
    }

    /** Reads a calls file and also checks it against its flow: path nodes and variables must exist. */
    public static ScriptedCalls load(Path file, Flow flow) {
        return parse(file.toString().replace('\\', '/'), FlowLoader.read(file), flow);
    }

    /**
     * @param fileName e.g. {@code flows/support-line.calls.yaml}; names the file in problems
     * @throws FlowException carrying every problem when there is any
     */
    public static ScriptedCalls parse(String fileName, String content) {
        return parse(fileName, content, null);
    }

    /**
     * Like {@link #parse(String, String)}, and checks the calls against their flow when it is not null. A path
     * entry {@code FLOW/NODE} names a node of a subflow; those flows are looked for next to {@code fileName}.
     */
    public static ScriptedCalls parse(String fileName, String content, Flow flow) {
        return parse(fileName, content, flow, Subflows.nextTo(fileName));
    }

    /** Like {@link #parse(String, String, Flow)}, with subflows found by {@code subflows} (name -> content). */
    public static ScriptedCalls parse(String fileName, String content, Flow flow,
                                      Function<String, Optional<String>> subflows) {
        return parse(fileName, content, flow, Subflows.from(fileName, subflows));
    }

    private static ScriptedCalls parse(String fileName, String content, Flow flow, Subflows subflows) {
        Problems problems = new Problems(fileName);
        ScriptedCalls calls;
        try {
            calls = new ScriptedCallsLoader(problems, flow, subflows).read(fileName, FlowLoader.stripByteOrderMark(content));
        } catch (RuntimeException | StackOverflowError e) {
            problems.error(problems.start(), "internal error while checking this file: " + e);
            calls = null;
        }
        if (problems.hasErrors() || calls == null) {
            throw new FlowException(problems.sorted());
        }
        return calls;
    }

    private ScriptedCalls read(String fileName, String content) {
        org.yaml.snakeyaml.nodes.Node root = yaml.compose(content);
        if (root == null) {
            return null;
        }
        Map<String, Entry> top = yaml.fields(root, "a calls file", TOP_LEVEL);
        if (top == null) {
            return null;
        }
        String flowName = null;
        if (!top.containsKey("flow")) {
            problems.error(problems.start(), "the file needs 'flow': the name of the flow these calls are for");
        } else {
            flowName = yaml.nonBlank(top.get("flow").value(), "flow");
            String expected = FlowReader.baseName(fileName);
            if (flowName != null && !flowName.equals(expected)) {
                problems.error(top.get("flow").value(), "flow '" + flowName + "' does not match the file name: the"
                        + " calls for flow '" + flowName + "' go in '" + flowName + ".calls.yaml'");
            } else if (flowName != null && flow != null && !flowName.equals(flow.name())) {
                problems.error(top.get("flow").value(), "these calls are for flow '" + flowName + "', not '"
                        + flow.name() + "'");
            }
        }
        List<ScriptedCall> calls = new ArrayList<>();
        if (!top.containsKey("calls")) {
            problems.error(problems.start(), "the file needs 'calls': the list of scripted callers");
        } else if (!(top.get("calls").value() instanceof SequenceNode list)) {
            problems.error(top.get("calls").value(), "calls must be a list, not "
                    + YamlReader.describe(top.get("calls").value()));
        } else {
            Set<String> names = new LinkedHashSet<>();
            for (org.yaml.snakeyaml.nodes.Node item : list.getValue()) {
                ScriptedCall call = readCall(item, names);
                if (call != null) {
                    calls.add(call);
                }
            }
        }
        if (flow != null) {
            checkAgainstFlow();
        }
        return new ScriptedCalls(flowName, List.copyOf(calls), fileName);
    }

    private ScriptedCall readCall(org.yaml.snakeyaml.nodes.Node item, Set<String> names) {
        Map<String, Entry> fields = yaml.fields(item, "a call", CALL_FIELDS);
        if (fields == null) {
            return null;
        }
        String name = null;
        if (!fields.containsKey("name")) {
            problems.error(item, "a call needs 'name': what it tries");
        } else {
            name = yaml.nonBlank(fields.get("name").value(), "name");
            if (name != null && !names.add(name)) {
                problems.error(fields.get("name").value(), "two calls are named '" + name + "'");
            }
        }
        ScriptedCall.Direction direction = direction(fields.get("direction"));
        boolean outbound = direction == ScriptedCall.Direction.OUTBOUND;
        String from = null;
        String to = null;
        ScriptedCall.Answer answer = null;
        boolean numbersOk = true;
        if (outbound) {
            if (!fields.containsKey("to")) {
                problems.error(item, "an outbound call needs 'to': the number it dials, like \"+14255550123\"");
                numbersOk = false;
            } else {
                to = phone(fields.get("to"), "to");
                numbersOk = to != null;
            }
            if (fields.containsKey("from")) {
                from = phone(fields.get("from"), "from");
                numbersOk &= from != null;
            }
            answer = fields.containsKey("answer") ? answer(fields.get("answer")) : ScriptedCall.Answer.DEFAULT;
            numbersOk &= answer != null;
        } else {
            if (!fields.containsKey("from")) {
                problems.error(item, "a call needs 'from': the caller's number, like \"+14255550123\"");
            } else {
                from = yaml.nonBlank(fields.get("from").value(), "from");
            }
            for (String outboundOnly : List.of("to", "answer")) {
                if (fields.containsKey(outboundOnly)) {
                    problems.error(fields.get(outboundOnly).key(), "'" + outboundOnly + "' is for outbound calls"
                            + " only: add 'direction: outbound', or drop it (an incoming call dials the flow's number)");
                    numbersOk = false;
                }
            }
        }
        OffsetDateTime at = fields.containsKey("at") ? at(fields.get("at")) : null;
        if (outbound && fields.containsKey("at")) {
            problems.error(fields.get("at").key(), "'at' is for incoming calls only: an outbound call is placed"
                    + " through the API, on the platform's clock");
            numbersOk = false;
        }
        List<CallerAction> caller = fields.containsKey("caller") ? caller(fields.get("caller")) : List.of();
        if (answer != null && !answer.answers() && caller != null && !caller.isEmpty()) {
            problems.error(fields.get("caller").key(), "the callee never answers ('" + answer + "'), so these caller"
                    + " steps would never run: drop them, or answer with 'after DURATION'");
            caller = null;
        }
        ScriptedCall.Expectation expect = fields.containsKey("expect")
                ? expect(fields.get("expect"), outbound) : new ScriptedCall.Expectation(null, Map.of(), null, null);
        if (name == null || (!outbound && from == null) || !numbersOk || caller == null || expect == null
                || fields.containsKey("direction") && direction == null) {
            return null;
        }
        return new ScriptedCall(name, from, at, caller, expect, problems.at(item), direction, answer, to);
    }

    /** {@code inbound} (the default) or {@code outbound}; null when written wrong (reported). */
    private ScriptedCall.Direction direction(Entry entry) {
        if (entry == null) {
            return ScriptedCall.Direction.INBOUND;
        }
        String text = yaml.nonBlank(entry.value(), "direction");
        if (text == null) {
            return null;
        }
        if (!DIRECTIONS.contains(text)) {
            problems.error(entry.value(), "direction must be " + YamlReader.list(DIRECTIONS) + ", not '" + text + "'"
                    + Suggestions.didYouMean(text, DIRECTIONS));
            return null;
        }
        return text.equals("outbound") ? ScriptedCall.Direction.OUTBOUND : ScriptedCall.Direction.INBOUND;
    }

    /** An E.164 number, or null (reported). */
    private String phone(Entry entry, String what) {
        String text = yaml.nonBlank(entry.value(), what);
        if (text == null) {
            return null;
        }
        if (!E164.matcher(text.trim()).matches()) {
            problems.error(entry.value(), what + " must be a phone number in E.164 form, like \"+14255550123\", not '"
                    + text + "'");
            return null;
        }
        return text.trim();
    }

    /** {@code after DURATION}, {@code busy}, {@code no-answer} or {@code reject}; null when written wrong (reported). */
    private ScriptedCall.Answer answer(Entry entry) {
        String text = yaml.nonBlank(entry.value(), "answer");
        if (text == null) {
            return null;
        }
        String answer = text.trim();
        switch (answer) {
            case "busy" -> {
                return new ScriptedCall.Answer(ScriptedCall.Answer.Kind.BUSY, null);
            }
            case "no-answer" -> {
                return new ScriptedCall.Answer(ScriptedCall.Answer.Kind.NO_ANSWER, null);
            }
            case "reject" -> {
                return new ScriptedCall.Answer(ScriptedCall.Answer.Kind.REJECT, null);
            }
            default -> {
                if (answer.startsWith("after ")) {
                    java.time.Duration after = Durations.parse(answer.substring("after ".length()));
                    if (after != null) {
                        return new ScriptedCall.Answer(ScriptedCall.Answer.Kind.AFTER, after);
                    }
                    problems.error(entry.value(), "answer 'after' needs a duration like 500ms, 5s or 2m, not '"
                            + answer.substring("after ".length()).trim() + "'");
                    return null;
                }
                problems.error(entry.value(), "answer must be 'after DURATION' (like 'after 2s'), 'busy', 'no-answer'"
                        + " or 'reject', not '" + answer + "'" + Suggestions.didYouMean(answer, ANSWERS));
                return null;
            }
        }
    }

    private OffsetDateTime at(Entry entry) {
        String text = yaml.nonBlank(entry.value(), "at");
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            problems.error(entry.value(), "at must be a date and time with its offset, like 2026-11-23T10:00:00-08:00,"
                    + " not '" + text + "'");
            return null;
        }
    }

    private List<CallerAction> caller(Entry entry) {
        if (!(entry.value() instanceof SequenceNode steps)) {
            problems.error(entry.value(), "caller must be a list of steps (press, say, interrupt, silence, noise,"
                    + " hangup), not "
                    + YamlReader.describe(entry.value()));
            return null;
        }
        List<CallerAction> actions = new ArrayList<>();
        boolean ok = true;
        org.yaml.snakeyaml.nodes.Node hangup = null;
        for (org.yaml.snakeyaml.nodes.Node step : steps.getValue()) {
            if (hangup != null) {
                problems.error(step, "nothing can happen after the caller hangs up (line " + problems.at(hangup).line()
                        + ")");
                ok = false;
                break;
            }
            CallerAction action = step(step);
            if (action == null) {
                ok = false;
            } else {
                actions.add(action);
                if (action instanceof CallerAction.HangUp) {
                    hangup = step;
                }
            }
        }
        return ok ? List.copyOf(actions) : null;
    }

    private CallerAction step(org.yaml.snakeyaml.nodes.Node step) {
        if (step instanceof ScalarNode scalar && !YamlReader.isNull(scalar)) {
            if (scalar.getValue().equals("hangup")) {
                return new CallerAction.HangUp();
            }
            problems.error(step, "unknown step '" + scalar.getValue() + "': a step is " + STEP_KINDS
                    + Suggestions.didYouMean(scalar.getValue(), STEPS));
            return null;
        }
        MappingNode mapping = yaml.mapping(step, "a step", STEP_KINDS);
        if (mapping == null) {
            return null;
        }
        Map<String, Entry> fields = yaml.entries(mapping);
        if (fields.size() != 1) {
            problems.error(step, "a step does one thing: 'press', 'say', 'interrupt', 'silence', 'noise' or 'hangup'");
            return null;
        }
        Entry entry = fields.values().iterator().next();
        switch (entry.name()) {
            case "press" -> {
                String keys = yaml.nonBlank(entry.value(), "press");
                if (keys == null) {
                    return null;
                }
                if (!Keys.areKeys(keys)) {
                    problems.error(entry.value(), "press '" + keys + "' must be keys only: 0-9, *, # and A-D");
                    return null;
                }
                return new CallerAction.Press(keys);
            }
            case "say" -> {
                String words = yaml.nonBlank(entry.value(), "say");
                return words == null ? null : new CallerAction.Say(words);
            }
            case "interrupt" -> {
                String words = yaml.nonBlank(entry.value(), "interrupt");
                return words == null ? null : new CallerAction.Interrupt(words);
            }
            case "noise" -> {
                return noise(entry);
            }
            case "silence" -> {
                Duration duration = yaml.duration(entry.value(), "silence");
                return duration == null ? null : new CallerAction.Silence(duration);
            }
            case "hangup" -> {
                problems.error(entry.key(), "write a hang-up step as '- hangup', with nothing after it");
                return null;
            }
            default -> {
                problems.error(entry.key(), "unknown step '" + entry.name() + "': a step is 'press', 'say',"
                        + " 'interrupt', 'silence', 'noise' or 'hangup'" + Suggestions.didYouMean(entry.name(), STEPS));
                return null;
            }
        }
    }

    /** {@code noise: -30} (dBFS RMS, from -120 to 0) or {@code noise: off}; null when written wrong (reported). */
    private CallerAction noise(Entry entry) {
        org.yaml.snakeyaml.nodes.Node value = entry.value();
        String text = value instanceof ScalarNode scalar && !YamlReader.isNull(scalar) ? scalar.getValue().trim() : null;
        if ("off".equals(text)) {
            return new CallerAction.Noise(null);
        }
        Double dbfs = null;
        if (text != null && text.matches("[-+]?[0-9]+(\\.[0-9]+)?")) {
            dbfs = Double.valueOf(text);
        }
        if (dbfs == null) {
            problems.error(value, "noise must be a level in dBFS like -30, or 'off', not " + YamlReader.describe(value));
            return null;
        }
        if (dbfs > 0 || dbfs < QUIETEST_NOISE_DBFS) {
            problems.error(value, "noise must be between " + (int) QUIETEST_NOISE_DBFS + " and 0 dBFS (0 is the"
                    + " loudest a line carries), not " + text);
            return null;
        }
        return new CallerAction.Noise(dbfs);
    }

    private ScriptedCall.Expectation expect(Entry entry, boolean outbound) {
        Map<String, Entry> fields = yaml.fields(entry.value(), "expect", EXPECT_FIELDS);
        if (fields == null) {
            return null;
        }
        boolean ok = true;
        List<String> path = null;
        if (fields.containsKey("path")) {
            Entry pathEntry = fields.get("path");
            if (!(pathEntry.value() instanceof SequenceNode list)) {
                problems.error(pathEntry.value(), "path must be a list of node ids, like [welcome, main-menu], not "
                        + YamlReader.describe(pathEntry.value()));
                ok = false;
            } else {
                path = new ArrayList<>();
                for (org.yaml.snakeyaml.nodes.Node item : list.getValue()) {
                    String id = yaml.nonBlank(item, "a path entry");
                    if (id == null) {
                        ok = false;
                    } else {
                        path.add(id);
                        pathEntries.add((ScalarNode) item);
                    }
                }
                path = List.copyOf(path);
            }
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        if (fields.containsKey("variables")) {
            MappingNode mapping = yaml.mapping(fields.get("variables").value(), "variables",
                    "a mapping of variable names to values");
            if (mapping == null) {
                ok = false;
            } else {
                for (Entry variable : yaml.entries(mapping).values()) {
                    Object value = yaml.scalarValue(variable.value(), "variable '" + variable.name() + "'");
                    if (value == null) {
                        ok = false;
                    } else {
                        variables.put(variable.name(), value);
                        variableEntries.add(variable);
                    }
                }
            }
        }
        String ends = null;
        if (fields.containsKey("ends")) {
            ends = yaml.nonBlank(fields.get("ends").value(), "ends");
            List<String> endings = outbound ? OUTBOUND_ENDINGS : ENDINGS;
            if (ends != null && !endings.contains(ends)) {
                problems.error(fields.get("ends").value(), "ends must be " + YamlReader.list(endings) + ", not '"
                        + ends + "'" + Suggestions.didYouMean(ends, endings)
                        + (!outbound && OUTBOUND_ENDINGS.contains(ends) ? " ('" + ends + "' is for outbound calls)" : ""));
                ok = false;
            } else if (ends == null) {
                ok = false;
            }
        }
        List<String> interrupted = null;
        if (fields.containsKey("interrupted")) {
            interrupted = interrupted(fields.get("interrupted"));
            ok &= interrupted != null;
        }
        return ok ? new ScriptedCall.Expectation(path, Collections.unmodifiableMap(variables), ends, interrupted) : null;
    }

    /** The nodes whose prompt the caller's speech cut short, in order; null when written wrong (reported). */
    private List<String> interrupted(Entry entry) {
        if (!(entry.value() instanceof SequenceNode list)) {
            problems.error(entry.value(), "interrupted must be a list of node ids, like [news], or [] for none, not "
                    + YamlReader.describe(entry.value()));
            return null;
        }
        List<String> nodes = new ArrayList<>();
        boolean ok = true;
        for (org.yaml.snakeyaml.nodes.Node item : list.getValue()) {
            String id = yaml.nonBlank(item, "an interrupted entry");
            if (id == null) {
                ok = false;
            } else {
                nodes.add(id);
                interruptedEntries.add((ScalarNode) item);
            }
        }
        return ok ? List.copyOf(nodes) : null;
    }

    private void checkAgainstFlow() {
        Map<String, Flow> reachable = null;
        for (ScalarNode entry : pathEntries) {
            String id = entry.getValue();
            int slash = id.indexOf('/');
            if (slash >= 0) {
                if (reachable == null) {
                    reachable = subflowsOf(flow);
                }
                checkSubflowEntry(entry, id.substring(0, slash), id.substring(slash + 1), reachable);
            } else if (!flow.nodes().containsKey(id)) {
                problems.error(entry, "path names node '" + id + "', which flow '" + flow.name()
                        + "' does not have" + Suggestions.didYouMean(id, flow.nodes().keySet()));
            }
        }
        for (ScalarNode entry : interruptedEntries) {
            String id = entry.getValue();
            Node node = flow.nodes().get(id);
            if (node == null) {
                problems.error(entry, "interrupted names node '" + id + "', which flow '" + flow.name()
                        + "' does not have" + Suggestions.didYouMean(id, flow.nodes().keySet()));
            } else if (!(node instanceof Node.Play play && play.bargeIn() == BargeIn.SPEECH)) {
                problems.error(entry, "interrupted names node '" + id + "', but only a play with 'bargeIn: speech'"
                        + " is cut short by the caller's speech");
            }
        }
        Set<String> variables = new LinkedHashSet<>(flow.variables().keySet());
        if (!variableEntries.isEmpty() && !FlowLoader.subflowsOf(flow).isEmpty()) {
            // a variable that only a subflow declares still belongs to the call
            subflowsOf(flow).values().forEach(f -> variables.addAll(f.variables().keySet()));
        }
        for (Entry entry : variableEntries) {
            if (!variables.contains(entry.name())) {
                problems.error(entry.key(), "flow '" + flow.name() + "' has no variable '" + entry.name() + "'"
                        + Suggestions.didYouMean(entry.name(), variables));
            }
        }
    }

    /** Path entry {@code FLOW/NODE}: a node of a flow that this flow runs as a subflow, at any depth. */
    private void checkSubflowEntry(ScalarNode entry, String name, String id, Map<String, Flow> reachable) {
        Flow subflow = reachable.get(name);
        if (subflow == null) {
            problems.error(entry, "path names '" + entry.getValue() + "', but flow '" + flow.name()
                    + "' never runs subflow '" + name + "'" + Suggestions.didYouMean(name, reachable.keySet()));
        } else if (!subflow.nodes().containsKey(id)) {
            problems.error(entry, "path names node '" + id + "' of subflow '" + name + "', which it does not have"
                    + Suggestions.didYouMean(id, subflow.nodes().keySet()));
        }
    }

    /** Every flow {@code root} runs as a subflow, directly or not, that loads: name -> flow. */
    private Map<String, Flow> subflowsOf(Flow root) {
        Map<String, Flow> found = new LinkedHashMap<>();
        List<Flow> queue = new ArrayList<>(List.of(root));
        while (!queue.isEmpty()) {
            Flow next = queue.remove(0);
            for (String name : FlowLoader.subflowsOf(next)) {
                if (!found.containsKey(name) && !name.equals(root.name())) {
                    Flow subflow = subflows.info(name).flow();
                    if (subflow != null) {
                        found.put(name, subflow);
                        queue.add(subflow);
                    }
                }
            }
        }
        return found;
    }

}

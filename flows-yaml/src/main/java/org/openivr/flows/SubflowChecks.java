package org.openivr.flows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The checks of {@code subflow} nodes: the flow exists and has no errors, no chain of subflows comes
 * back to a flow already running (a circle), and a variable declared in several of these flows has the
 * same type in each (a call has one set of variables).
 */
final class SubflowChecks {
    private final Problems problems;
    private final FlowReader flow;
    private final Subflows subflows;
    /** This flow's name. */
    private String self;

    SubflowChecks(Problems problems, FlowReader flow, Subflows subflows) {
        this.problems = problems;
        this.flow = flow;
        this.subflows = subflows;
    }

    void run() {
        // Without a valid 'flow:' (already reported) the file name stands for it.
        String written = flow.name();
        self = written != null && FlowReader.FLOW_NAME.matcher(written).matches()
                ? written : FlowReader.baseName(problems.file());
        for (Map.Entry<String, ScalarNode> node : flow.subflowNames().entrySet()) {
            String id = node.getKey();
            ScalarNode at = node.getValue();
            String name = at.getValue();
            if (name.equals(self)) {
                problems.error(at, "node '" + id + "' runs flow '" + name + "' as a subflow, but that is this flow:"
                        + " a flow cannot call itself");
                continue;
            }
            Subflows.Info info = subflows.info(name);
            if (!info.exists()) {
                problems.error(at, "node '" + id + "' runs subflow '" + name + "', but there is no " + info.file()
                        + Suggestions.didYouMean(name, subflows.names().stream().filter(n -> !n.equals(self)).toList()));
                continue;
            }
            if (info.flow() == null) {
                problems.error(at, brokenMessage(id, name, info));
                continue;
            }
            String problem = walk(id, name);
            if (problem != null) {
                problems.error(at, problem);
            }
        }
    }

    private static String brokenMessage(String id, String name, Subflows.Info info) {
        String first = info.errors().isEmpty() ? "" : " (first: " + info.errors().get(0) + ")";
        return "node '" + id + "' runs subflow '" + name + "', which has " + info.errors().size() + " error(s)" + first
                + ": run 'ivr validate " + info.file() + "'";
    }

    /**
     * Follows the subflows that {@code name} runs, depth first, for the first thing wrong: a circle, a flow
     * that does not exist or has errors, or a variable with another type; null when all is well.
     */
    private String walk(String id, String name) {
        Map<String, VariableOrigin> variables = new LinkedHashMap<>();
        flow.variables().forEach((v, value) -> variables.put(v, new VariableOrigin(value, self)));
        List<String> chain = new ArrayList<>(List.of(self));
        Set<String> done = new LinkedHashSet<>();
        return visit(id, name, chain, done, variables);
    }

    private record VariableOrigin(Object initial, String flow) {}

    private String visit(String id, String name, List<String> chain, Set<String> done,
                         Map<String, VariableOrigin> variables) {
        if (chain.contains(name)) {
            List<String> circle = new ArrayList<>(chain.subList(chain.indexOf(name), chain.size()));
            circle.add(name);
            String path = String.join(" -> ", circle);
            return name.equals(self)
                    ? "subflow '" + chain.get(1) + "' leads back to this flow (" + path + "): subflows cannot call each"
                            + " other in a circle"
                    : "subflow '" + chain.get(1) + "' leads to a circle of subflows (" + path + "): subflows cannot"
                            + " call each other in a circle";
        }
        if (!done.add(name)) {
            return null;
        }
        Subflows.Info info = subflows.info(name);
        if (!info.exists()) {
            return via(chain) + " runs subflow '" + name + "', but there is no " + info.file();
        }
        if (info.flow() == null) {
            return via(chain) + " runs subflow '" + name + "', which has " + info.errors().size() + " error(s): run"
                    + " 'ivr validate " + info.file() + "'";
        }
        for (Map.Entry<String, Object> variable : info.flow().variables().entrySet()) {
            VariableOrigin known = variables.get(variable.getKey());
            if (known == null) {
                variables.put(variable.getKey(), new VariableOrigin(variable.getValue(), name));
            } else if (!kind(known.initial()).equals(kind(variable.getValue()))) {
                return "subflow '" + name + "' declares variable '" + variable.getKey() + "' as "
                        + kind(variable.getValue()) + ", but flow '" + known.flow() + "' has it as "
                        + kind(known.initial()) + ": a call has one set of variables, so declare it alike in both";
            }
        }
        chain.add(name);
        for (Node node : info.flow().nodes().values()) {
            if (node instanceof Node.Subflow subflow) {
                String problem = visit(id, subflow.flow(), chain, done, variables);
                if (problem != null) {
                    return problem;
                }
            }
        }
        chain.remove(chain.size() - 1);
        return null;
    }

    /** How the flow at the end of the chain is named in a message: "subflow 'b'" or "... flow 'c', which". */
    private static String via(List<String> chain) {
        String caller = chain.get(chain.size() - 1);
        return chain.size() <= 2 ? "subflow '" + caller + "'"
                : "subflow '" + chain.get(1) + "' leads to flow '" + caller + "', which";
    }

    static String kind(Object value) {
        if (value instanceof String) {
            return "text";
        }
        if (value instanceof Boolean) {
            return "true/false";
        }
        return value instanceof Long ? "a whole number" : "a number";
    }
}

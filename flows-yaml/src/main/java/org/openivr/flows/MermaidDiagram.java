package org.openivr.flows;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A flow as a Mermaid flowchart ({@code flowchart TD}): one shape per kind of verb, outcomes as edge
 * labels, the start and the {@code anytime} keys as entry points. Deterministic: the same flow always
 * gives the same text.
 *
 * <table>
 *   <caption>Shapes</caption>
 *   <tr><td>play</td><td>rounded</td></tr>
 *   <tr><td>menu, ask, listen (wait for the caller)</td><td>hexagon</td></tr>
 *   <tr><td>when, hours (decide)</td><td>rhombus</td></tr>
 *   <tr><td>set</td><td>rectangle</td></tr>
 *   <tr><td>wait</td><td>flag</td></tr>
 *   <tr><td>subflow</td><td>subroutine</td></tr>
 *   <tr><td>transfer</td><td>trapezoid</td></tr>
 *   <tr><td>sendDtmf, keys</td><td>parallelogram</td></tr>
 *   <tr><td>hold, unhold</td><td>reversed parallelogram</td></tr>
 *   <tr><td>record, stream</td><td>cylinder</td></tr>
 *   <tr><td>hangup, and the targets hangup and return</td><td>circle</td></tr>
 * </table>
 */
public final class MermaidDiagram {
    private static final int MAX_LABEL = 40;

    private final Flow flow;
    /** Node id -> Mermaid id (n0, n1, ...): node ids may hold '-', which Mermaid reads as an arrow. */
    private final Map<String, String> ids = new LinkedHashMap<>();
    private final StringBuilder out = new StringBuilder();
    private boolean usesHangup;
    private boolean usesReturn;

    private MermaidDiagram(Flow flow) {
        this.flow = flow;
        int i = 0;
        for (String id : flow.nodes().keySet()) {
            ids.put(id, "n" + i++);
        }
    }

    /** The flow as Mermaid text, ending with a newline. */
    public static String render(Flow flow) {
        return new MermaidDiagram(flow).render();
    }

    private String render() {
        String title = flow.description() != null ? flow.name() + ": " + flow.description() : flow.name();
        // a YAML single-quoted string: the only character to double is the quote itself
        out.append("---\ntitle: '").append(title.replace("'", "''").replaceAll("[\\r\\n]+", " "))
                .append("'\n---\n");
        out.append("flowchart TD\n");
        out.append("  start([\"start\"]) --> ").append(ids.get(flow.start())).append('\n');
        for (Node node : flow.nodes().values()) {
            out.append("  ").append(ids.get(node.id())).append(shape(node)).append('\n');
        }
        for (Node node : flow.nodes().values()) {
            edges(node);
        }
        if (!flow.anytime().isEmpty()) {
            out.append("  anytime([\"anytime\"])\n");
            flow.anytime().forEach((key, target) -> edge("anytime", target, key, true));
        }
        if (usesHangup) {
            out.append("  t_hangup((\"hangup\"))\n");
        }
        if (usesReturn) {
            out.append("  t_return((\"return\"))\n");
        }
        return out.toString();
    }

    // ---- nodes ----

    private static String shape(Node node) {
        String label = "\"" + escape(node.id()) + "<br/>" + escape(summary(node)) + "\"";
        return switch (node.verb()) {
            case "play" -> "(" + label + ")";
            case "menu", "ask", "listen" -> "{{" + label + "}}";
            case "when", "hours" -> "{" + label + "}";
            case "wait" -> ">" + label + "]";
            case "subflow" -> "[[" + label + "]]";
            case "transfer" -> "[/" + label + "\\]";
            case "sendDtmf", "keys" -> "[/" + label + "/]";
            case "hold", "unhold" -> "[\\" + label + "\\]";
            case "record", "stream" -> "[(" + label + ")]";
            case "hangup" -> "((" + label + "))";
            default -> "[" + label + "]"; // set
        };
    }

    /** The verb and what matters most about it, in the flow's own words. */
    private static String summary(Node node) {
        if (node instanceof Node.Ask a) {
            return "ask into " + a.into();
        } else if (node instanceof Node.Listen l) {
            return "listen for " + l.events().stream().map(e -> word(e.name())).collect(Collectors.joining(", "));
        } else if (node instanceof Node.Hours h) {
            return "hours " + h.timezone();
        } else if (node instanceof Node.Set s) {
            return "set " + String.join(", ", s.assignments().keySet());
        } else if (node instanceof Node.Wait w) {
            return "wait " + Durations.format(w.duration());
        } else if (node instanceof Node.Subflow s) {
            return "subflow " + s.flow();
        } else if (node instanceof Node.Transfer t) {
            return "transfer to " + t.to().replaceFirst("^4:", "");
        } else if (node instanceof Node.SendDtmf d) {
            return "sendDtmf " + String.join("", d.tones());
        } else if (node instanceof Node.Keys k) {
            return "keys " + (k.enabled() ? "on" : "off");
        } else if (node instanceof Node.Record r) {
            return "record " + word(r.action().name());
        } else if (node instanceof Node.Stream s) {
            return "stream " + word(s.action().name());
        }
        return node.verb();
    }

    private static String word(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    // ---- edges ----

    private void edges(Node node) {
        String id = node.id();
        if (node instanceof Node.Menu menu) {
            menu.options().forEach((key, target) -> edge(id, target, key, false));
        } else if (node instanceof Node.When when) {
            for (Node.When.Branch branch : when.branches()) {
                edge(id, branch.target(), shorten(branch.condition()), false);
            }
            edge(id, when.otherwise(), "else", false);
        }
        if (node.next() != null) {
            edge(id, node.next(), null, false);
        }
        node.on().forEach((outcome, target) -> edge(id, target, outcome, false));
        if (FlowReader.FAILING_VERBS.contains(node.verb()) && !node.on().containsKey(FlowReader.FAILED)
                && flow.defaults().onError() != null) {
            edge(id, flow.defaults().onError(), "failed (onError)", true);
        }
    }

    private void edge(String from, String target, String label, boolean dashed) {
        String source = from.equals("anytime") ? "anytime" : ids.get(from);
        String arrow = dashed ? " -.->" : " -->";
        out.append("  ").append(source).append(arrow);
        if (label != null) {
            out.append("|\"").append(escape(label)).append("\"|");
        }
        out.append(' ').append(targetId(target)).append('\n');
    }

    private String targetId(String target) {
        if (Targets.HANGUP.equals(target)) {
            usesHangup = true;
            return "t_hangup";
        }
        if (Targets.RETURN.equals(target)) {
            usesReturn = true;
            return "t_return";
        }
        return ids.get(target);
    }

    private static String shorten(String text) {
        return text.length() <= MAX_LABEL ? text : text.substring(0, MAX_LABEL - 3) + "...";
    }

    /**
     * Text safe inside a quoted Mermaid label: characters Mermaid or HTML would read are written as entity
     * codes ({@code #quot;}, {@code #35;}, ...).
     */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '#' -> escaped.append("#35;");
                case '"' -> escaped.append("#quot;");
                case '<' -> escaped.append("#lt;");
                case '>' -> escaped.append("#gt;");
                case '&' -> escaped.append("#amp;");
                case '|' -> escaped.append("#124;");
                case '\n', '\r' -> escaped.append(' ');
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}

package org.openivr.api.ops;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openivr.flows.Flow;
import org.openivr.flows.MermaidDiagram;

/**
 * A flow's Mermaid diagram with a call drawn on it: the nodes it went through, and the node it is at now.
 * {@link MermaidDiagram} names the node shapes {@code n0, n1, ...} in the flow's node order.
 */
public final class FlowDiagrams {
    static final String CURRENT_STYLE = "fill:#ffd54f,stroke:#e65100,stroke-width:4px";
    static final String VISITED_STYLE = "fill:#e3f2fd,stroke:#1565c0";

    private FlowDiagrams() {}

    /** The Mermaid id of a node of {@code flow}, or null when it has no such node. */
    public static String mermaidId(Flow flow, String nodeId) {
        int index = 0;
        for (String id : flow.nodes().keySet()) {
            if (id.equals(nodeId)) {
                return "n" + index;
            }
            index++;
        }
        return null;
    }

    /**
     * @param visited nodes of {@code flow} the call went through (others are ignored)
     * @param current the node the call is at, or null
     */
    public static String render(Flow flow, Collection<String> visited, String current) {
        StringBuilder text = new StringBuilder(MermaidDiagram.render(flow));
        List<String> visitedIds = new ArrayList<>();
        for (String node : visited) {
            String id = mermaidId(flow, node);
            if (id != null && !visitedIds.contains(id) && !node.equals(current)) {
                visitedIds.add(id);
            }
        }
        if (!visitedIds.isEmpty()) {
            text.append("  classDef visited ").append(VISITED_STYLE).append('\n');
            text.append("  class ").append(String.join(",", visitedIds)).append(" visited\n");
        }
        String currentId = current == null ? null : mermaidId(flow, current);
        if (currentId != null) {
            text.append("  classDef current ").append(CURRENT_STYLE).append('\n');
            text.append("  class ").append(currentId).append(" current\n");
        }
        return text.toString();
    }
}

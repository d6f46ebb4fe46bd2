package org.openivr.flows;

import java.util.Map;

/**
 * A loaded, checked call flow. Immutable; maps keep the order of the file.
 *
 * @param variables declared variables and their initial values (String, Long, Double or Boolean)
 * @param anytime   key -> target, for continuous key recognition
 */
public record Flow(
        String name,
        String description,
        String language,
        String voice,
        String start,
        Map<String, Object> variables,
        Defaults defaults,
        Map<String, String> anytime,
        Map<String, Node> nodes,
        String file) {

    public Node node(String id) {
        Node node = nodes.get(id);
        if (node == null) {
            throw new IllegalArgumentException("flow '" + name + "' has no node '" + id + "'");
        }
        return node;
    }
}

package org.openivr.flows;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * One test caller and what must happen.
 *
 * @param at     the call's clock at start, or null for "now"
 * @param expect what must hold when the call ends
 */
public record ScriptedCall(String name, String from, OffsetDateTime at, List<CallerAction> caller,
                           Expectation expect, SourcePosition position) {

    /**
     * @param path      node ids in order, or null when not checked
     * @param variables variables that must have these values (compared as strings), may be empty
     * @param ends      hungup-by-flow | hungup-by-caller | transferred, or null when not checked
     */
    public record Expectation(List<String> path, Map<String, Object> variables, String ends) {}
}

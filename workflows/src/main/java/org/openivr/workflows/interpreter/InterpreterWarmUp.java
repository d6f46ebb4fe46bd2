package org.openivr.workflows.interpreter;

import java.time.Instant;
import java.util.Map;
import org.openivr.flows.EvaluationContext;
import org.openivr.flows.ExpressionEvaluator;
import org.openivr.flows.FlowLoader;

/**
 * Loads the flow loader and the expression engine before a worker takes calls. Their first use in a
 * JVM costs over a second of class loading, which inside a workflow task trips Temporal's deadlock
 * detector (one second without yielding) and fails the task.
 */
public final class InterpreterWarmUp {
    private static final String FLOW = """
            flow: warm-up
            start: check
            variables:
              count: 0
            nodes:
              check:
                when:
                  - if: 'count == 0 && size(input) == 0'
                    then: bye
                else: bye
              bye:
                hangup: {}
            """;

    private InterpreterWarmUp() {}

    public static void run() {
        FlowLoader.parse("flows/warm-up.yaml", FLOW, name -> java.util.Optional.empty());
        new ExpressionEvaluator(Map.of("count", 0L)).test("count == 0 && size(input) == 0",
                new EvaluationContext(Map.of("count", 0L), "warm-up", "", "", "", Instant.EPOCH, 0));
    }
}

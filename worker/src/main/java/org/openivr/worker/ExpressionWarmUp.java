package org.openivr.worker;

import java.time.Instant;
import java.util.Map;
import org.openivr.flows.EvaluationContext;
import org.openivr.flows.ExpressionEvaluator;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Loads the expression engine before the worker takes calls. Its first use in a JVM costs a few
 * hundred milliseconds of class loading, which inside a workflow task would count against
 * Temporal's one-second deadlock detector on a busy machine.
 */
@Component
public class ExpressionWarmUp implements ApplicationRunner {
    @Override
    public void run(ApplicationArguments args) {
        ExpressionEvaluator evaluator = new ExpressionEvaluator(Map.of("warm", ""));
        evaluator.test("warm == \"\" && size(input) == 0", new EvaluationContext(Map.of("warm", ""), "warm-up",
                "", "", "", Instant.EPOCH, 0));
    }
}

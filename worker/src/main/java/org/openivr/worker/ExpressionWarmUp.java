package org.openivr.worker;

import org.openivr.workflows.interpreter.InterpreterWarmUp;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

/** Warms the flow interpreter before the worker's pollers start (they start after runners). */
@Component
public class ExpressionWarmUp implements ApplicationRunner {
    @Override
    public void run(ApplicationArguments args) {
        InterpreterWarmUp.run();
    }
}

package org.openivr.flows;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a flow file has errors; carries every problem found, not just the first. */
public class FlowException extends RuntimeException {
    private final List<FlowProblem> problems;

    public FlowException(List<FlowProblem> problems) {
        super(problems.stream().map(FlowProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<FlowProblem> problems() {
        return problems;
    }
}

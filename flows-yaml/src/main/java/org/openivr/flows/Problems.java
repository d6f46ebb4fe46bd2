package org.openivr.flows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Collects every problem of one file, each at an exact 1-based line:column. */
final class Problems {
    private final String file;
    private final List<FlowProblem> problems = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    SourcePosition at(Node node) {
        return at(node.getStartMark());
    }

    SourcePosition at(Mark mark) {
        return mark == null ? start() : new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    SourcePosition start() {
        return new SourcePosition(file, 1, 1);
    }

    void error(Node node, String message) {
        error(at(node), message);
    }

    void error(SourcePosition position, String message) {
        problems.add(FlowProblem.error(position, message));
    }

    void warning(Node node, String message) {
        warning(at(node), message);
    }

    void warning(SourcePosition position, String message) {
        problems.add(FlowProblem.warning(position, message));
    }

    boolean hasErrors() {
        return problems.stream().anyMatch(FlowProblem::isError);
    }

    /** All problems, by position; problems at the same place keep the order they were found in. */
    List<FlowProblem> sorted() {
        List<FlowProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt((FlowProblem p) -> p.position().line())
                .thenComparingInt(p -> p.position().column()));
        return List.copyOf(sorted);
    }
}

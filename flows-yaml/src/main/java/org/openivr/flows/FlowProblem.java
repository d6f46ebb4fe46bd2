package org.openivr.flows;

/** One thing wrong with a flow file, reported compiler style: {@code file:line:column: error: message}. */
public record FlowProblem(SourcePosition position, Severity severity, String message) {
    public enum Severity { ERROR, WARNING }

    public static FlowProblem error(SourcePosition position, String message) {
        return new FlowProblem(position, Severity.ERROR, message);
    }

    public static FlowProblem warning(SourcePosition position, String message) {
        return new FlowProblem(position, Severity.WARNING, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return position + ": " + severity.name().toLowerCase() + ": " + message;
    }
}

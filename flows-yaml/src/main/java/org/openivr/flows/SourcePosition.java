package org.openivr.flows;

/** Where something was written: 1-based line and column in a flow file. */
public record SourcePosition(String file, int line, int column) {
    public static SourcePosition unknown(String file) {
        return new SourcePosition(file, 0, 0);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}

package org.openivr.workflows;

/**
 * The {@code operationContext} the workflow puts on every ACS operation: a sequence number unique
 * within the call plus the node that issued it ({@code 7/main-menu}). The sequence number is what
 * lets the workflow tell an event for the operation it waits on from a late one for an operation
 * it has already given up on.
 */
public record OperationContext(long sequence, String node) {

    public String format() {
        return sequence + "/" + node;
    }

    /** Parses a context this workflow wrote; anything else yields sequence -1. */
    public static OperationContext parse(String text) {
        if (text == null) {
            return new OperationContext(-1, "");
        }
        int slash = text.indexOf('/');
        if (slash <= 0) {
            return new OperationContext(-1, text);
        }
        try {
            return new OperationContext(Long.parseLong(text.substring(0, slash)), text.substring(slash + 1));
        } catch (NumberFormatException e) {
            return new OperationContext(-1, text);
        }
    }
}

package org.openivr.flows;

/** An expression that could not be compiled or evaluated; the message is meant for an analyst. */
public class ExpressionException extends RuntimeException {
    public ExpressionException(String message) {
        super(message);
    }

    public ExpressionException(String message, Throwable cause) {
        super(message, cause);
    }
}

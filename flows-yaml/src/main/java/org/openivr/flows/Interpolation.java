package org.openivr.flows;

import java.util.ArrayList;
import java.util.List;

/** Splits prompt text such as {@code "Your balance is ${balance} dollars."} into literal text and expressions. */
final class Interpolation {
    sealed interface Part permits Literal, Expression {}

    record Literal(String text) implements Part {}

    record Expression(String expression) implements Part {}

    /**
     * The parts of a text.
     *
     * @param error why the text after the last part could not be read ({@code ${} not closed, or
     *              empty), or null
     */
    record Parsed(List<Part> parts, String error) {}

    private Interpolation() {}

    static boolean hasExpressions(String text) {
        return text.contains("${");
    }

    static Parsed parse(String text) {
        List<Part> parts = new ArrayList<>();
        int from = 0;
        while (true) {
            int open = text.indexOf("${", from);
            if (open < 0) {
                if (from < text.length()) {
                    parts.add(new Literal(text.substring(from)));
                }
                return new Parsed(List.copyOf(parts), null);
            }
            if (open > from) {
                parts.add(new Literal(text.substring(from, open)));
            }
            int close = closingBrace(text, open + 2);
            if (close < 0) {
                return new Parsed(List.copyOf(parts), "'${' at character " + (open + 1) + " is never closed with '}'");
            }
            String expression = text.substring(open + 2, close);
            if (expression.isBlank()) {
                return new Parsed(List.copyOf(parts), "'${}' at character " + (open + 1) + " has no expression inside");
            }
            parts.add(new Expression(expression));
            from = close + 1;
        }
    }

    /** The index of the '}' that closes an expression starting at {@code start}, skipping nested braces and strings. */
    private static int closingBrace(String text, int start) {
        int depth = 0;
        char quote = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return -1;
    }
}

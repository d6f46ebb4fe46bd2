package org.openivr.workflows;

import java.util.List;
import java.util.Map;

/**
 * How a call ended.
 *
 * @param ending    hungup-by-flow | hungup-by-caller | transferred | failed; for an outbound call that never
 *                  connected: busy | no-answer | rejected
 * @param reason    a sentence for operators when the ending is not a normal one, else null
 */
public record CallResult(String ending, List<String> path, Map<String, Object> variables, String reason) {
    public static final String HUNGUP_BY_FLOW = "hungup-by-flow";
    public static final String HUNGUP_BY_CALLER = "hungup-by-caller";
    public static final String HUNGUP_BY_OPERATOR = "hungup-by-operator";
    public static final String TRANSFERRED = "transferred";
    public static final String FAILED = "failed";
    public static final String BUSY = "busy";
    public static final String NO_ANSWER = "no-answer";
    public static final String REJECTED = "rejected";
}

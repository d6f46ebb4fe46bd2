package org.openivr.workflows;

import java.util.List;

/**
 * One ACS callback event, as the workflow receives it by signal.
 *
 * @param id               the CloudEvent id; the workflow ignores an id it has seen
 * @param type             the full ACS type, e.g. {@code Microsoft.Communication.RecognizeCompleted}
 * @param operationContext echo of the operation that caused it, or null
 * @param tones            keys recognized, as characters {@code 0-9 * # A-D}; empty when none
 */
public record CallEvent(String id, CallEventKind kind, String type, String callConnectionId,
                        String operationContext, int code, int subCode, String message, List<String> tones) {

    public CallEvent {
        tones = tones == null ? List.of() : List.copyOf(tones);
    }

    public String shortType() {
        return type == null ? kind.name() : type.substring(type.lastIndexOf('.') + 1);
    }
}

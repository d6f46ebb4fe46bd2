package org.openivr.workflows;

import java.util.List;

/**
 * One ACS callback event, as the workflow receives it by signal.
 *
 * @param id               the CloudEvent id; the workflow ignores an id it has seen
 * @param type             the full ACS type, e.g. {@code Microsoft.Communication.RecognizeCompleted}
 * @param operationContext echo of the operation that caused it, or null
 * @param tones            keys recognized, as characters {@code 0-9 * # A-D}; for a continuous-DTMF
 *                         tone, the one key; empty when none
 * @param sequenceId       order of a continuous-DTMF tone within the call, or null
 * @param recordingId      for recording events, or null
 * @param state            recording state ({@code active}/{@code inactive}) or media-streaming status, or null
 */
public record CallEvent(String id, CallEventKind kind, String type, String callConnectionId,
                        String operationContext, int code, int subCode, String message, List<String> tones,
                        Long sequenceId, String recordingId, String state) {

    public CallEvent {
        tones = tones == null ? List.of() : List.copyOf(tones);
    }

    /** An event with no continuous-DTMF or recording details. */
    public CallEvent(String id, CallEventKind kind, String type, String callConnectionId, String operationContext,
                     int code, int subCode, String message, List<String> tones) {
        this(id, kind, type, callConnectionId, operationContext, code, subCode, message, tones, null, null, null);
    }

    public String shortType() {
        return type == null ? kind.name() : type.substring(type.lastIndexOf('.') + 1);
    }
}

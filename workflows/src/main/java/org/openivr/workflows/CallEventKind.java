package org.openivr.workflows;

/** The ACS callback events the interpreter understands; anything else arrives as {@link #OTHER}. */
public enum CallEventKind {
    CALL_CONNECTED,
    CALL_DISCONNECTED,
    PLAY_COMPLETED,
    PLAY_FAILED,
    PLAY_CANCELED,
    RECOGNIZE_COMPLETED,
    RECOGNIZE_FAILED,
    RECOGNIZE_CANCELED,
    OTHER;

    /** Maps {@code Microsoft.Communication.PlayCompleted} and the like to a kind. */
    public static CallEventKind fromAcsType(String type) {
        String name = type == null ? "" : type.substring(type.lastIndexOf('.') + 1);
        return switch (name) {
            case "CallConnected" -> CALL_CONNECTED;
            case "CallDisconnected" -> CALL_DISCONNECTED;
            case "PlayCompleted" -> PLAY_COMPLETED;
            case "PlayFailed" -> PLAY_FAILED;
            case "PlayCanceled" -> PLAY_CANCELED;
            case "RecognizeCompleted" -> RECOGNIZE_COMPLETED;
            case "RecognizeFailed" -> RECOGNIZE_FAILED;
            case "RecognizeCanceled" -> RECOGNIZE_CANCELED;
            default -> OTHER;
        };
    }
}

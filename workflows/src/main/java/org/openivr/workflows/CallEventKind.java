package org.openivr.workflows;

/** The ACS callback events the interpreter understands; anything else arrives as {@link #OTHER}. */
public enum CallEventKind {
    CALL_CONNECTED,
    CALL_DISCONNECTED,
    CREATE_CALL_FAILED,
    PLAY_COMPLETED,
    PLAY_FAILED,
    PLAY_CANCELED,
    RECOGNIZE_COMPLETED,
    RECOGNIZE_FAILED,
    RECOGNIZE_CANCELED,
    SEND_DTMF_COMPLETED,
    SEND_DTMF_FAILED,
    CONTINUOUS_DTMF_TONE_RECEIVED,
    CONTINUOUS_DTMF_TONE_FAILED,
    CONTINUOUS_DTMF_STOPPED,
    HOLD_FAILED,
    CALL_TRANSFER_ACCEPTED,
    CALL_TRANSFER_FAILED,
    MEDIA_STREAMING_STARTED,
    MEDIA_STREAMING_STOPPED,
    MEDIA_STREAMING_FAILED,
    RECORDING_STATE_CHANGED,
    START_RECORDING_FAILED,
    OTHER;

    /** Maps {@code Microsoft.Communication.PlayCompleted} and the like to a kind. */
    public static CallEventKind fromAcsType(String type) {
        String name = type == null ? "" : type.substring(type.lastIndexOf('.') + 1);
        return switch (name) {
            case "CallConnected" -> CALL_CONNECTED;
            case "CallDisconnected" -> CALL_DISCONNECTED;
            case "CreateCallFailed" -> CREATE_CALL_FAILED;
            case "PlayCompleted" -> PLAY_COMPLETED;
            case "PlayFailed" -> PLAY_FAILED;
            case "PlayCanceled" -> PLAY_CANCELED;
            case "RecognizeCompleted" -> RECOGNIZE_COMPLETED;
            case "RecognizeFailed" -> RECOGNIZE_FAILED;
            case "RecognizeCanceled" -> RECOGNIZE_CANCELED;
            case "SendDtmfTonesCompleted" -> SEND_DTMF_COMPLETED;
            case "SendDtmfTonesFailed" -> SEND_DTMF_FAILED;
            case "ContinuousDtmfRecognitionToneReceived" -> CONTINUOUS_DTMF_TONE_RECEIVED;
            case "ContinuousDtmfRecognitionToneFailed" -> CONTINUOUS_DTMF_TONE_FAILED;
            case "ContinuousDtmfRecognitionStopped" -> CONTINUOUS_DTMF_STOPPED;
            case "HoldFailed" -> HOLD_FAILED;
            case "CallTransferAccepted" -> CALL_TRANSFER_ACCEPTED;
            case "CallTransferFailed" -> CALL_TRANSFER_FAILED;
            case "MediaStreamingStarted" -> MEDIA_STREAMING_STARTED;
            case "MediaStreamingStopped" -> MEDIA_STREAMING_STOPPED;
            case "MediaStreamingFailed" -> MEDIA_STREAMING_FAILED;
            case "RecordingStateChanged" -> RECORDING_STATE_CHANGED;
            case "StartRecordingFailed" -> START_RECORDING_FAILED;
            default -> OTHER;
        };
    }
}

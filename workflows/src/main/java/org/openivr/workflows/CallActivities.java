package org.openivr.workflows;

import io.temporal.activity.ActivityInterface;

/**
 * What a call workflow asks of ACS. Implementations throw a non-retryable
 * {@code ApplicationFailure} of type {@link #REJECTED} when ACS refused the request in a way a
 * retry cannot fix (4xx other than 408/429); the workflow turns that into the node's
 * {@code failed} outcome. A request on a call ACS no longer has (404, error 8522 "Call not found") fails with
 * {@link #CALL_GONE} instead: the call has ended, and its CallDisconnected may not have reached the workflow yet.
 */
@ActivityInterface
public interface CallActivities {
    String REJECTED = "AcsRequestRejected";
    /** ACS answered that the call does not exist (any more): not the node failing, but the call having ended. */
    String CALL_GONE = "AcsCallGone";

    AnsweredCall answer(AnswerCall request);

    /** Dial out; CallConnected or CreateCallFailed follows. Never dials twice for one call. */
    AnsweredCall createCall(CreateCall request);

    void play(PlayPrompt request);

    void recognizeKeys(RecognizeKeys request);

    void hangUp(HangUpCall request);

    /** Stops every play and recognize running or queued (an anytime key cut the prompt short). */
    void cancelMedia(CancelMedia request);

    /** Result: SendDtmfTonesCompleted / SendDtmfTonesFailed. Never sends twice for one step. */
    void sendDtmf(SendDtmf request);

    /** Tones then arrive as ContinuousDtmfRecognitionToneReceived events. */
    void startContinuousDtmf(ContinuousDtmf request);

    void stopContinuousDtmf(ContinuousDtmf request);

    /** A failure arrives as HoldFailed; there is no success event. */
    void hold(HoldCaller request);

    void unhold(UnholdCaller request);

    /** Result: CallTransferAccepted / CallTransferFailed. Never transfers twice for one step. */
    void transfer(TransferCall request);

    /** Result: MediaStreamingStarted / MediaStreamingFailed. */
    void startMediaStreaming(MediaStreamingControl request);

    void stopMediaStreaming(MediaStreamingControl request);

    /** State changes then arrive as RecordingStateChanged. Never starts twice for one step. */
    RecordingStarted startRecording(StartRecording request);

    void controlRecording(RecordingControl request);

    /** {@code active} or {@code inactive}. */
    String recordingState(String recordingId);
}

package org.openivr.workflows;

import io.temporal.activity.ActivityInterface;

/**
 * What a call workflow asks of ACS. Implementations throw a non-retryable
 * {@code ApplicationFailure} of type {@link #REJECTED} when ACS refused the request in a way a
 * retry cannot fix (4xx other than 408/429); the workflow turns that into the node's
 * {@code failed} outcome.
 */
@ActivityInterface
public interface CallActivities {
    String REJECTED = "AcsRequestRejected";

    AnsweredCall answer(AnswerCall request);

    void play(PlayPrompt request);

    void recognizeKeys(RecognizeKeys request);

    void hangUp(HangUpCall request);
}

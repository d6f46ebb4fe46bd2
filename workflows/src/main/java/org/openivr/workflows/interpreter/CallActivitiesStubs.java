package org.openivr.workflows.interpreter;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.openivr.workflows.CallActivities;

/**
 * The activity stubs a call uses, with timeouts that fit a live phone call: a caller will not wait
 * minutes for a prompt, so retries are fast and bounded; ACS refusals are never retried.
 *
 * <p>Every ACS operation is one HTTP request that ACS answers at once (results come later as events), so an
 * attempt is given 5 s: when a worker dies mid-attempt, nothing tells the server (Temporal's test server has no
 * worker heartbeats, and these activities do not heartbeat), and this timeout is how soon another worker retries it.
 */
final class CallActivitiesStubs {
    /** How long one attempt may take before another worker retries it. */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
    final CallActivities answer;
    final CallActivities media;
    final CallActivities hangUp;
    /**
     * Play and recognize, one attempt per activity: ACS cannot de-duplicate them (no Repeatability-Request-ID), so the
     * call itself decides whether to send one again ({@link MediaSteps}).
     */
    final CallActivities mediaOnce;

    private CallActivitiesStubs(CallActivities answer, CallActivities media, CallActivities hangUp,
                                CallActivities mediaOnce) {
        this.answer = answer;
        this.media = media;
        this.hangUp = hangUp;
        this.mediaOnce = mediaOnce;
    }

    static CallActivitiesStubs create() {
        return new CallActivitiesStubs(
                stub(Duration.ofSeconds(20), 0),
                stub(Duration.ofSeconds(30), 0),
                stub(Duration.ofMinutes(2), 0),
                stub(ATTEMPT_TIMEOUT, 1));
    }

    /** @param attempts 0 for as many as fit in {@code total} */
    private static CallActivities stub(Duration total, int attempts) {
        return Workflow.newActivityStub(CallActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(ATTEMPT_TIMEOUT)
                .setScheduleToCloseTimeout(total)
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofMillis(300))
                        .setBackoffCoefficient(2)
                        .setMaximumInterval(Duration.ofSeconds(3))
                        .setMaximumAttempts(attempts)
                        .setDoNotRetry(CallActivities.REJECTED)
                        .build())
                .build());
    }
}

package org.openivr.workflows.interpreter;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.openivr.workflows.CallActivities;
import org.openivr.workflows.OperationContext;

/**
 * Sends a play or a recognize so that ACS runs it once whenever the call can know, and never leaves a second copy
 * queued when it cannot.
 *
 * <p>ACS has no {@code Repeatability-Request-ID} for play and recognize (acs-wire 1.4), so a blind retry after a lost
 * attempt (its worker died after ACS ran the request, or the response was lost) runs the step twice, and the copy
 * waits in ACS's queue: the caller hears the prompt again and the copy of a recognize takes keys meant for the next
 * one. So each send is one activity attempt, and when it fails (timeout, worker gone, 5xx) the call decides:
 * <ul>
 *   <li>if ACS already reported the step's result (an event with its operationContext), the first try ran and
 *       finished: nothing is sent again;</li>
 *   <li>otherwise the step is sent again with {@code interruptCallMediaOperation}: if the first try did run, it is
 *       still running or queued, and the new one cancels it and takes its place; the cancelled run's
 *       {@code *Canceled} event is recorded, not taken as the step's result ({@link CallSession#resending}).</li>
 * </ul>
 * ACS refusals (4xx) are final, as before. Runs started before this existed keep Temporal's retries (a version
 * marker, {@link #CHANGE_ID}).
 */
final class MediaSteps {
    static final String CHANGE_ID = "media-steps-resent-by-the-call";
    /** ACS's subCode of an operation cancelled by cancelAllMediaOperations or by one barging in. */
    static final int CANCELED = 8508;
    /** Sends of one step at most; with the backoff below, about 30 s, as the retries of other ACS steps. */
    private static final int MAX_SENDS = 5;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(300);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(3);

    private MediaSteps() {}

    /** One way to send the step: through {@code acs}, barging in or not. */
    @FunctionalInterface
    interface Send {
        void to(CallActivities acs, boolean bargeIn);
    }

    /**
     * Sends {@code op}'s step; returns once ACS accepted one send (or ran the step, as its result shows).
     *
     * @throws ActivityFailure when ACS refused the step, or no send got through
     */
    static void send(CallSession session, OperationContext op, String what, Send send) {
        if (!session.mediaStepsResent()) {
            send.to(session.acs.media, false);
            return;
        }
        Duration backoff = FIRST_BACKOFF;
        for (int sends = 1; ; sends++) {
            try {
                send.to(session.acs.mediaOnce, sends > 1);
                return;
            } catch (ActivityFailure e) {
                if (refused(e) || sends >= MAX_SENDS) {
                    throw e;
                }
                session.throwIfHungUp();
                Workflow.sleep(backoff); // lets a result already on its way arrive
                if (session.resultArrived(op)) {
                    session.record("retry", op.node(), what + ": the send looked lost, but ACS ran it ("
                            + Failures.message(e) + "); not sent again");
                    return;
                }
                session.record("retry", op.node(), what + " sent again, cancelling any first run ("
                        + Failures.message(e) + ")");
                session.resending(op);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private static boolean refused(ActivityFailure e) {
        return e.getCause() instanceof ApplicationFailure app
                && (app.isNonRetryable() || CallActivities.REJECTED.equals(app.getType()));
    }
}

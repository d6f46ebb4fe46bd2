package org.openivr.api.ops;

import java.time.Duration;
import org.openivr.workflows.CallWait;

/**
 * When a waiting call counts as stuck. A call waits for one thing at a time; its {@code state} query says what,
 * since when, and how long the interpreter expects that wait to take ({@link CallWait}: a menu's timeout and
 * inter-digit time, a pause's length, a transfer's ringing, 0 for a prompt to finish). Each wait is allowed that,
 * plus a slack:
 *
 * <pre>
 *   allowed = expected + slack          (slack = the threshold, 60 s unless configured)
 * </pre>
 *
 * A call waiting longer than {@code allowed} is STUCK: ACS has not sent the event the call waits for (the workflow's
 * own guard timer will eventually give up on it, minutes later). A call that waits for nothing is never stuck by
 * this rule; one whose ACS request is being retried shows as RETRYING with the last failure. A call started by an
 * older interpreter, whose state has no structured wait, is allowed the slack alone.
 */
public final class StuckRule {
    public static final Duration DEFAULT_THRESHOLD = Duration.ofSeconds(60);

    private final Duration threshold;

    public StuckRule(Duration threshold) {
        if (threshold == null || threshold.isNegative()) {
            throw new IllegalArgumentException("the stuck threshold must be zero or more: " + threshold);
        }
        this.threshold = threshold;
    }

    public static StuckRule standard() {
        return new StuckRule(DEFAULT_THRESHOLD);
    }

    public Duration threshold() {
        return threshold;
    }

    /** How long a wait may last, and why. */
    public record Allowance(Duration allowed, String basis) {}

    /** @param wait the {@code state} query's structured wait; null when the call's interpreter gives none */
    public Allowance allowance(CallWait wait) {
        if (wait == null || wait.expectedMillis() <= 0) {
            String basis = wait == null || wait.basis() == null ? "default" : wait.basis();
            return new Allowance(threshold, basis + " + slack " + seconds(threshold));
        }
        Duration expected = Duration.ofMillis(wait.expectedMillis());
        return new Allowance(expected.plus(threshold), wait.basis() + " + slack " + seconds(threshold));
    }

    /** Is a wait of {@code waited} past what it is allowed? {@code waitingFor} null: the call waits for nothing. */
    public boolean stuck(String waitingFor, CallWait wait, Duration waited) {
        return waitingFor != null && waited != null && waited.compareTo(allowance(wait).allowed()) > 0;
    }

    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}

package org.openivr.api.ops;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openivr.flows.Flow;
import org.openivr.flows.Node;

/**
 * When a waiting call counts as stuck. A call waits for one thing at a time (its {@code state} query says what and
 * since when); each wait is allowed what its node can legitimately take, plus a slack:
 *
 * <pre>
 *   allowed = expected + slack          (slack = the threshold, 60 s unless configured)
 *
 *   wait                     expected
 *   ----------------------   ---------------------------------------------------------------
 *   wait Nms  (wait verb)    N
 *   RecognizeCompleted       menu: timeout + 2 s (one key);  ask: timeout + interDigitTimeout x maxDigits
 *                            (per attempt: every attempt is a new wait; the prompt's own length is in the slack)
 *   transfer result          90 s  (the target rings)
 *   CallConnected            90 s  (an outbound call rings; an inbound one connects at once)
 *   CallDisconnected         10 s
 *   audio (listen)           its timeout; without one, the silence it listens for
 *   anything else            0     (PlayCompleted, sending keys, audio streaming: ACS answers in seconds)
 * </pre>
 *
 * A call waiting longer than {@code allowed} is STUCK: ACS has not sent the event the call waits for (the workflow's
 * own guard timer will eventually give up on it, minutes later). A call that waits for nothing is never stuck by
 * this rule; one whose ACS request is being retried shows as RETRYING with the last failure.
 */
public final class StuckRule {
    public static final Duration DEFAULT_THRESHOLD = Duration.ofSeconds(60);
    static final Duration MENU_INTER_DIGIT = Duration.ofSeconds(2);
    static final Duration RINGING = Duration.ofSeconds(90);
    static final Duration DISCONNECT = Duration.ofSeconds(10);
    private static final Pattern PAUSE = Pattern.compile("^wait (\\d+)ms");
    private static final Pattern FOR_NODE = Pattern.compile("for '([^']+)'");

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

    /**
     * @param waitingFor the {@code state} query's {@code waitingFor}
     * @param flow       the flow the call's current node belongs to, or null when unknown
     */
    public Allowance allowance(String waitingFor, Flow flow) {
        Duration expected = Duration.ZERO;
        String basis = "default";
        if (waitingFor != null) {
            Matcher pause = PAUSE.matcher(waitingFor);
            Node node = node(waitingFor, flow);
            if (pause.find()) {
                expected = Duration.ofMillis(Long.parseLong(pause.group(1)));
                basis = "wait " + expected.toMillis() + "ms";
            } else if (waitingFor.startsWith("RecognizeCompleted") && node instanceof Node.Menu menu) {
                expected = menu.timeout().plus(MENU_INTER_DIGIT);
                basis = "menu timeout " + seconds(menu.timeout()) + " + one key";
            } else if (waitingFor.startsWith("RecognizeCompleted") && node instanceof Node.Ask ask) {
                expected = ask.timeout().plus(ask.interDigitTimeout().multipliedBy(Math.max(1, ask.maxDigits())));
                basis = "ask timeout " + seconds(ask.timeout()) + " + " + ask.maxDigits() + " keys x "
                        + seconds(ask.interDigitTimeout());
            } else if (waitingFor.startsWith("transfer") || node instanceof Node.Transfer) {
                expected = RINGING;
                basis = "transfer rings";
            } else if (waitingFor.startsWith("CallConnected")) {
                expected = RINGING;
                basis = "call rings";
            } else if (waitingFor.startsWith("CallDisconnected")) {
                expected = DISCONNECT;
                basis = "hang-up";
            } else if (node instanceof Node.Listen listen && listen.timeout() != null) {
                expected = listen.timeout();
                basis = "listen timeout " + seconds(listen.timeout());
            } else if (node instanceof Node.Listen listen && listen.silence() != null) {
                expected = listen.silence();
                basis = "listen for silence " + seconds(listen.silence());
            }
        }
        return new Allowance(expected.plus(threshold), basis + " + slack " + seconds(threshold));
    }

    /** Is a wait of {@code waited} past what it is allowed? */
    public boolean stuck(String waitingFor, Duration waited, Flow flow) {
        return waitingFor != null && waited != null && waited.compareTo(allowance(waitingFor, flow).allowed()) > 0;
    }

    private static Node node(String waitingFor, Flow flow) {
        if (flow == null) {
            return null;
        }
        Matcher m = FOR_NODE.matcher(waitingFor);
        if (!m.find()) {
            return null;
        }
        return flow.nodes().get(m.group(1));
    }

    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}

package org.openivr.workflows.interpreter;

import java.time.Duration;
import org.openivr.flows.Node;
import org.openivr.workflows.AudioSignal;

/**
 * {@code listen}: waits for what the live audio says. Silence is measured here, on the call's own
 * timers, from the start of the node or the end of the caller's last speech; the streaming worker
 * only reports edges.
 */
final class ListenVerb implements NodeVerb<Node.Listen> {
    /** A listen without a timeout re-arms its timer this often, so no timer waits forever. */
    private static final Duration GUARD = Duration.ofMinutes(10);

    @Override
    public Outcome run(Node.Listen node, CallSession session) {
        boolean wantKeys = node.events().contains(Node.Listen.Event.KEYS);
        boolean wantSilence = node.events().contains(Node.Listen.Event.SILENCE);
        GuardTimer timeout = GuardTimer.start(node.timeout() != null ? node.timeout() : GUARD);
        GuardTimer silence = wantSilence && !session.speaking() ? GuardTimer.start(node.silence()) : null;
        session.beginWait("audio for '" + node.id() + "' (" + node.events() + ")", node.id(), listening(node),
                node.timeout() != null ? "listen timeout " + Expected.seconds(node.timeout())
                        : "listen for " + node.events());
        try {
            while (true) {
                GuardTimer quiet = silence;
                GuardTimer limit = timeout;
                session.awaitAny(() -> session.hasAudio() || (wantKeys && session.hasTone()) || limit.fired()
                        || (quiet != null && quiet.fired()));
                if (wantKeys && session.hasTone()) {
                    String key = session.pollTone();
                    session.record("keys", node.id(), (node.sensitive() ? CallSession.MASK : key) + " (reported by ACS)");
                    session.setInput(key);
                    return outcome(node, "keys");
                }
                while (session.hasAudio()) {
                    AudioSignal signal = session.pollAudio();
                    switch (signal.kind()) {
                        case SPEECH_STARTED -> {
                            if (silence != null) {
                                silence.cancel();
                                silence = null;
                            }
                            if (node.events().contains(Node.Listen.Event.SPEECH)) {
                                return outcome(node, "speech");
                            }
                        }
                        case SPEECH_ENDED -> {
                            if (wantSilence) {
                                if (silence != null) {
                                    silence.cancel();
                                }
                                silence = GuardTimer.start(node.silence());
                            }
                        }
                        case SILENCE -> {
                            // The worker's own silence edge; the node's timer is the measure that decides.
                        }
                        case KEY -> {
                            if (wantKeys) {
                                session.setInput(signal.key());
                                return outcome(node, "keys");
                            }
                        }
                        case PHRASE -> {
                            String phrase = SpokenPhrases.match(signal.text(), node.phrases());
                            if (phrase != null && node.events().contains(Node.Listen.Event.PHRASE)) {
                                session.setInput(signal.text());
                                return outcome(node, phrase);
                            }
                        }
                    }
                }
                if (silence != null && silence.fired()) {
                    return outcome(node, "silence");
                }
                if (timeout.fired()) {
                    if (node.timeout() != null) {
                        return outcome(node, "timeout");
                    }
                    timeout = GuardTimer.start(GUARD); // no timeout: listen on until something is heard
                }
            }
        } finally {
            timeout.cancel();
            if (silence != null) {
                silence.cancel();
            }
            session.endWait();
        }
    }

    /**
     * A listen with a timeout takes at most that; one without waits for the caller, who may speak for a while:
     * its silence (if it listens for one) is the only bound it knows of.
     */
    private static Duration listening(Node.Listen node) {
        if (node.timeout() != null) {
            return node.timeout();
        }
        return node.events().contains(Node.Listen.Event.SILENCE) ? node.silence() : Duration.ZERO;
    }

    private static Outcome outcome(Node.Listen node, String outcome) {
        String target = node.on().get(outcome);
        if (target == null) {
            throw new FlowFailure("listen '" + node.id() + "' heard " + outcome + " but has no exit for it");
        }
        return Outcome.to(target, outcome);
    }
}

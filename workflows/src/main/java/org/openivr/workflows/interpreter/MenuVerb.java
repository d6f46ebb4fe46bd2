package org.openivr.workflows.interpreter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openivr.flows.BargeIn;
import org.openivr.flows.Node;
import org.openivr.flows.Prompt;

/**
 * {@code menu}: asks for one key. No key or a key that is no option plays the {@code noInput} or
 * {@code noMatch} prompt before asking again; after the last attempt the node fails.
 */
final class MenuVerb implements NodeVerb<Node.Menu> {
    private static final Duration INTER_DIGIT = Duration.ofSeconds(2);

    @Override
    public Outcome run(Node.Menu menu, CallSession session) {
        List<Prompt> apology = List.of();
        for (int attempt = 1; attempt <= menu.attempts(); attempt++) {
            session.setAttempt(attempt);
            List<Prompt> prompt = new ArrayList<>(apology);
            prompt.addAll(menu.prompt());
            KeyEntry entry;
            session.setSpokenOptions(menu.optionWords());
            try {
                entry = KeyRecognition.collect(new KeyRecognition.Request(menu.id(), prompt, 1, null,
                        menu.timeout(), INTER_DIGIT, menu.bargeIn() != BargeIn.NONE, menu.sensitive()), session);
            } catch (SpeechInterrupt said) {
                // The caller said an option instead of pressing it: the recognize is still listening.
                MediaCancel.run(session);
                session.setInput(said.option);
                return Outcome.to(menu.options().get(said.option), "said option " + said.option);
            } finally {
                session.setSpokenOptions(java.util.Map.of());
            }
            if (entry instanceof KeyEntry.Keys keys) {
                String target = menu.options().get(keys.keys());
                if (target != null) {
                    session.setInput(menu.sensitive() ? "" : keys.keys());
                    return Outcome.to(target, menu.sensitive() ? "option" : "key " + keys.keys());
                }
                String anytime = session.flow().anytime().get(keys.keys());
                if (anytime != null) {
                    throw new AnytimeJump(keys.keys(), anytime);
                }
                session.record("no-match", menu.id(), menu.sensitive() ? "not an option"
                        : "key " + keys.keys() + " is not an option");
                apology = menu.noMatch();
            } else if (entry instanceof KeyEntry.NoInput) {
                apology = menu.noInput();
            } else if (entry instanceof KeyEntry.Failed failed) {
                return Failures.route(menu, session, failed.reason(), null);
            }
        }
        return Failures.route(menu, session, "no valid key after " + menu.attempts() + " attempts", null);
    }
}

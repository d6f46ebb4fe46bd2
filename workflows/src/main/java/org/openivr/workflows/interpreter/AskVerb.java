package org.openivr.workflows.interpreter;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.openivr.flows.BargeIn;
import org.openivr.flows.Node;
import org.openivr.flows.Prompt;

/**
 * {@code ask}: collects several keys into a variable. Too few keys, or keys that do not match the
 * pattern, play {@code noMatch} and ask again; after the last attempt the node fails.
 */
final class AskVerb implements NodeVerb<Node.Ask> {

    @Override
    public Outcome run(Node.Ask ask, CallSession session) {
        Pattern pattern = ask.pattern() == null ? null : Pattern.compile(ask.pattern());
        List<Prompt> apology = List.of();
        for (int attempt = 1; attempt <= ask.attempts(); attempt++) {
            session.setAttempt(attempt);
            List<Prompt> prompt = new ArrayList<>(apology);
            prompt.addAll(ask.prompt());
            KeyEntry entry = KeyRecognition.collect(new KeyRecognition.Request(ask.id(), prompt, ask.maxDigits(),
                    ask.stopOn(), ask.timeout(), ask.interDigitTimeout(), ask.bargeIn() != BargeIn.NONE,
                    ask.sensitive()), session);
            if (entry instanceof KeyEntry.Keys keys) {
                String value = keys.keys();
                boolean longEnough = value.length() >= ask.minDigits();
                boolean matches = pattern == null || pattern.matcher(value).matches();
                if (longEnough && matches) {
                    session.assign(ask.into(), value, ask.sensitive());
                    session.setInput(ask.sensitive() ? "" : value);
                    return Outcome.to(ask.on().get("ok"), "ok");
                }
                session.record("no-match", ask.id(), longEnough ? "entry does not match the expected pattern"
                        : "entry is shorter than " + ask.minDigits() + " keys");
                apology = ask.noMatch();
            } else if (entry instanceof KeyEntry.NoInput) {
                apology = ask.noInput();
            } else if (entry instanceof KeyEntry.Failed failed) {
                return Failures.route(ask, session, failed.reason(), null);
            }
        }
        return Failures.route(ask, session, "no valid entry after " + ask.attempts() + " attempts", null);
    }
}

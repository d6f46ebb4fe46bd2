package org.openivr.cli;

import java.util.List;
import org.openivr.emulator.CallerStep;
import org.openivr.emulator.ScriptedCaller;
import org.openivr.flows.CallerAction;
import org.openivr.flows.ScriptedCall;

/** Hands an analyst's scripted call to the emulator, which plays the caller. */
final class ScriptedCallers {
    private ScriptedCallers() {}

    static ScriptedCaller toEmulator(ScriptedCall call, String dialledNumber) {
        List<CallerStep> steps = call.caller().stream().map(ScriptedCallers::step).toList();
        String from = call.from() == null || call.from().isBlank() ? "+14255550100" : call.from();
        return new ScriptedCaller(call.name(), from, dialledNumber, steps);
    }

    private static CallerStep step(CallerAction action) {
        if (action instanceof CallerAction.Press press) {
            return new CallerStep.Press(press.keys());
        } else if (action instanceof CallerAction.Say say) {
            return new CallerStep.Say(say.text());
        } else if (action instanceof CallerAction.Silence silence) {
            return new CallerStep.Silence(silence.duration());
        }
        return new CallerStep.HangUp();
    }
}

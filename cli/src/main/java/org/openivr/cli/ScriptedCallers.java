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
        // The call's clock (for business hours) travels as a custom SIP header, as real context would.
        java.util.Map<String, String> headers = call.at() == null ? java.util.Map.of()
                : java.util.Map.of(org.openivr.api.CallStarter.TEST_CLOCK_HEADER, call.at().toString());
        return new ScriptedCaller(call.name(), from, dialledNumber, steps, headers);
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

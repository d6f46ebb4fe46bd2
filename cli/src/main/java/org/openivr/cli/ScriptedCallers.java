package org.openivr.cli;

import java.util.List;
import org.openivr.emulator.CalleeAnswer;
import org.openivr.emulator.CallerStep;
import org.openivr.emulator.ScriptedCaller;
import org.openivr.flows.CallerAction;
import org.openivr.flows.ScriptedCall;

/** Hands an analyst's scripted call to the emulator, which plays the caller (or, for an outbound call, the callee). */
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

    /**
     * The callee of an outbound scripted call, for {@link org.openivr.emulator.AcsEmulator#expectCallee}: its number
     * is the one dialled, and it hears the call come from {@code callerId}.
     */
    static ScriptedCaller callee(ScriptedCall call, String callerId) {
        List<CallerStep> steps = call.caller().stream().map(ScriptedCallers::step).toList();
        return new ScriptedCaller(call.name(), call.to(), callerId, steps);
    }

    /** How the callee answers, in the emulator's terms. */
    static CalleeAnswer answer(ScriptedCall.Answer answer) {
        return switch (answer.kind()) {
            case AFTER -> CalleeAnswer.after(answer.after());
            case BUSY -> CalleeAnswer.busy();
            case NO_ANSWER -> CalleeAnswer.noAnswer();
            case REJECT -> CalleeAnswer.reject();
        };
    }

    private static CallerStep step(CallerAction action) {
        if (action instanceof CallerAction.Press press) {
            return new CallerStep.Press(press.keys());
        } else if (action instanceof CallerAction.Say say) {
            return new CallerStep.Say(say.text());
        } else if (action instanceof CallerAction.Interrupt interrupt) {
            return new CallerStep.Interrupt(interrupt.text());
        } else if (action instanceof CallerAction.Silence silence) {
            return new CallerStep.Silence(silence.duration());
        } else if (action instanceof CallerAction.Noise noise) {
            return new CallerStep.Noise(noise.dbfs());
        }
        return new CallerStep.HangUp();
    }
}

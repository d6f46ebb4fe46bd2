package org.openivr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openivr.flows.ScriptedCall;
import org.openivr.workflows.CallResult;
import org.openivr.workflows.TimelineEntry;

class ExpectationsTest {
    private static final CallResult ENDED = new CallResult("hungup-by-flow", List.of("news", "reply"), Map.of(), null);
    private static final List<TimelineEntry> CUT_SHORT = List.of(
            new TimelineEntry(0, "node", "news", "entered"),
            new TimelineEntry(900, "audio", "news", "caller started speaking"),
            new TimelineEntry(950, "barge-in", "news", "caller spoke over the prompt"),
            new TimelineEntry(1000, "node", "reply", "entered"));
    private static final List<TimelineEntry> HEARD_WHOLE = List.of(
            new TimelineEntry(0, "node", "news", "entered"),
            new TimelineEntry(1000, "node", "reply", "entered"));

    private static ScriptedCall.Expectation interrupted(String... nodes) {
        return new ScriptedCall.Expectation(null, Map.of(), null, List.of(nodes));
    }

    @Test
    void aPromptCutShortBySpeechMeetsInterruptedAndFailsNone() {
        assertThat(Expectations.check(interrupted("news"), ENDED, CUT_SHORT)).isEmpty();
        assertThat(Expectations.check(interrupted(), ENDED, CUT_SHORT))
                .containsExactly("speech cut short the prompt of [news], expected none");
    }

    @Test
    void aPromptHeardWholeFailsInterrupted() {
        assertThat(Expectations.check(interrupted("news"), ENDED, HEARD_WHOLE))
                .containsExactly("no prompt was cut short by speech, expected [news]");
        assertThat(Expectations.check(interrupted(), ENDED, HEARD_WHOLE)).isEmpty();
    }

    @Test
    void withoutInterruptedTheTimelineIsNotChecked() {
        assertThat(Expectations.check(new ScriptedCall.Expectation(null, Map.of(), null), ENDED, CUT_SHORT)).isEmpty();
    }
}

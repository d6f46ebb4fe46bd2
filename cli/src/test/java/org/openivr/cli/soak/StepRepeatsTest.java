package org.openivr.cli.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openivr.emulator.LedgerEntry;

class StepRepeatsTest {
    private static LedgerEntry entry(String call, String operation, String requestId, String body, int status) {
        return new LedgerEntry(Instant.EPOCH, call, operation, requestId, body, status);
    }

    private static String media(String context, boolean bargeIn) {
        return "{\"operationContext\":\"" + context + "\",\"interruptCallMediaOperation\":" + bargeIn + "}";
    }

    @Test
    void stepsRunOnceAreNoRepeats() {
        StepRepeats repeats = new StepRepeats(10);
        repeats.executed(entry("cc-1", "answer", "r-1", "{}", 200));
        repeats.executed(entry("cc-1", "play", null, media("1/welcome", false), 202));
        repeats.executed(entry("cc-1", "recognize", null, media("2/menu", false), 202));
        repeats.executed(entry("cc-2", "play", null, media("1/welcome", false), 202)); // another call's own step
        repeats.executed(entry("cc-1", "getCall", null, "", 200)); // names no step
        repeats.executed(entry("cc-1", "play", null, media("3/bye", false), 400)); // refused: did nothing

        assertThat(repeats.counts()).isEqualTo(new StepRepeats.Counts(0, 0, 0));
        assertThat(repeats.examples()).isEmpty();
    }

    @Test
    void eachKindOfRepeatIsCountedAndOnlyActionsDoneTwiceAreNamed() {
        StepRepeats repeats = new StepRepeats(10);
        repeats.executed(entry("cc-1", "recognize", null, media("2/menu", false), 202));
        repeats.executed(entry("cc-1", "recognize", null, media("2/menu", true), 202));
        repeats.executed(entry("cc-1", "hold", null, "{\"operationContext\":\"4/hold\"}", 200));
        repeats.executed(entry("cc-1", "hold", null, "{\"operationContext\":\"4/hold\"}", 200));
        repeats.executed(entry("cc-1", "sendDtmfTones", "r-7", "{\"operationContext\":\"5/ext\"}", 202));
        repeats.executed(entry("cc-1", "sendDtmfTones", "r-7", "{\"operationContext\":\"5/ext\"}", 202));
        repeats.executed(entry("cc-1", "answer", "r-1", "{}", 200));
        repeats.executed(entry("cc-1", "answer", "r-2", "{}", 200));

        assertThat(repeats.counts()).isEqualTo(new StepRepeats.Counts(2, 1, 1));
        assertThat(repeats.examples()).containsExactly(
                "done twice: cc-1 sendDtmfTones 5/ext (Repeatability-Request-ID r-7)",
                "done twice: cc-1 answer (Repeatability-Request-ID r-2)");
        // A play sent again without barging in would leave a copy queued: that is an action done twice too.
        repeats.executed(entry("cc-1", "play", null, media("6/bye", false), 202));
        repeats.executed(entry("cc-1", "play", null, media("6/bye", false), 202));
        assertThat(repeats.counts().doneTwice()).isEqualTo(3);
    }

    @Test
    void theLeastRecentlyActiveCallsAreForgottenNotTheRunningOnes() {
        StepRepeats repeats = new StepRepeats(2);
        repeats.executed(entry("cc-old", "answer", "r-1", "{}", 200));
        repeats.executed(entry("cc-running", "answer", "r-2", "{}", 200));
        repeats.executed(entry("cc-old", "play", null, media("1/a", false), 202)); // cc-old active again
        repeats.executed(entry("cc-new", "answer", "r-3", "{}", 200)); // forgets cc-running, the least recently active
        repeats.executed(entry("cc-old", "play", null, media("1/a", false), 202));

        assertThat(repeats.counts().doneTwice()).isEqualTo(1);
        repeats.executed(entry("cc-running", "answer", "r-4", "{}", 200)); // forgotten: not seen as a repeat
        assertThat(repeats.counts().doneTwice()).isEqualTo(1);
    }
}

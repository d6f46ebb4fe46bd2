package org.openivr.cli.soak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SoakTallyTest {

    @Test
    void aStuckCallIsReportedFirstEvenAfterManyFailedExpects() {
        SoakTally tally = new SoakTally();
        for (int i = 0; i < 300; i++) {
            tally.started();
            tally.ended(CallOutcome.FAILED_EXPECT, "call-" + i + " took the wrong path");
        }
        tally.started();
        tally.ended(CallOutcome.STUCK, "call-late still waiting in main-menu");
        tally.started();
        tally.ended(CallOutcome.MET_EXPECT, null);

        assertThat(tally.problems()).hasSize(SoakTally.KEPT_PROBLEMS + 1);
        assertThat(tally.problems().get(0)).isEqualTo("stuck: call-late still waiting in main-menu");
        assertThat(tally.problems().get(1)).isEqualTo("failed expect: call-0 took the wrong path");
        assertThat(tally.counts()).isEqualTo(new SoakTally.Counts(302, 1, 300, 0, 1, 0));
    }
}

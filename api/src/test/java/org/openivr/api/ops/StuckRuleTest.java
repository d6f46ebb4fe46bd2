package org.openivr.api.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openivr.workflows.CallWait;

class StuckRuleTest {
    private final StuckRule rule = new StuckRule(Duration.ofSeconds(60));

    private static CallWait menuWait() {
        return new CallWait("RecognizeCompleted for 'main' (op 4/main)", "main", 1_000, 7_000,
                "key timeout 5s + 1 key x 2s");
    }

    @Test
    void aWaitIsAllowedWhatTheInterpreterExpectsPlusTheSlack() {
        StuckRule.Allowance allowance = rule.allowance(menuWait());
        assertThat(allowance.allowed()).isEqualTo(Duration.ofSeconds(7 + 60));
        assertThat(allowance.basis()).isEqualTo("key timeout 5s + 1 key x 2s + slack 60s");
    }

    @Test
    void quickWaitsAndWaitsWithoutStructureGetTheSlackAlone() {
        CallWait prompt = new CallWait("PlayCompleted for 'welcome' (op 2/welcome)", "welcome", 1_000, 0,
                "ACS answers in seconds");
        assertThat(rule.allowance(prompt).allowed()).isEqualTo(Duration.ofSeconds(60));
        assertThat(rule.allowance(prompt).basis()).isEqualTo("ACS answers in seconds + slack 60s");
        // A call from an interpreter that did not report its wait's structure.
        assertThat(rule.allowance(null).allowed()).isEqualTo(Duration.ofSeconds(60));
        assertThat(rule.allowance(null).basis()).isEqualTo("default + slack 60s");
    }

    @Test
    void onlyAWaitLongerThanAllowedIsStuck() {
        StuckRule quick = new StuckRule(Duration.ofSeconds(1));
        String what = menuWait().description();
        assertThat(quick.stuck(what, menuWait(), Duration.ofSeconds(8))).isFalse();
        assertThat(quick.stuck(what, menuWait(), Duration.ofMillis(8001))).isTrue();
        assertThat(quick.stuck(null, null, Duration.ofHours(1))).as("a call that waits for nothing").isFalse();
        assertThatThrownBy(() -> new StuckRule(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}

package org.openivr.api.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openivr.flows.Flow;
import org.openivr.flows.FlowLoader;

class StuckRuleTest {
    private static final Flow FLOW = FlowLoader.parse("flows/rule.yaml", """
            flow: rule
            start: main
            defaults: {timeout: 5s, onError: bye}
            nodes:
              main:
                menu:
                  prompt: "Press 1."
                  options: {"1": account}
              account:
                ask:
                  prompt: "Your account, then pound."
                  into: account
                  digits: {max: 8, stopOn: "#"}
                  timeout: 10s
                  interDigitTimeout: 3s
                on: {ok: pause}
              pause:
                wait: 30s
                next: hear
              agent:
                transfer: {to: "+14255550100"}
              hear:
                listen:
                  for: [silence]
                  silence: 4s
                on: {silence: hear-more}
              hear-more:
                listen:
                  for: [speech]
                  timeout: 20s
                on: {speech: agent, timeout: agent}
              bye:
                hangup: {}
            variables: {account: ""}
            """);
    private final StuckRule rule = new StuckRule(Duration.ofSeconds(60));

    @Test
    void aMenuWaitIsAllowedItsTimeoutAndOneKeyPlusTheSlack() {
        StuckRule.Allowance allowance = rule.allowance("RecognizeCompleted for 'main' (op 4/main)", FLOW);
        assertThat(allowance.allowed()).isEqualTo(Duration.ofSeconds(5 + 2 + 60));
        assertThat(allowance.basis()).isEqualTo("menu timeout 5s + one key + slack 60s");
    }

    @Test
    void anAskWaitIsAllowedItsTimeoutAndEveryKeyPlusTheSlack() {
        assertThat(rule.allowance("RecognizeCompleted for 'account' (op 7/account)", FLOW).allowed())
                .isEqualTo(Duration.ofSeconds(10 + 8 * 3 + 60));
    }

    @Test
    void pausesTransfersAndRingingHaveTheirOwnExpectations() {
        assertThat(rule.allowance("wait 30000ms", FLOW).allowed()).isEqualTo(Duration.ofSeconds(90));
        assertThat(rule.allowance("transfer result for 'agent' (op 9/agent)", FLOW).allowed()).isEqualTo(Duration.ofSeconds(150));
        assertThat(rule.allowance("CallConnected", null).allowed()).isEqualTo(Duration.ofSeconds(150));
        assertThat(rule.allowance("CallDisconnected", null).allowed()).isEqualTo(Duration.ofSeconds(70));
        assertThat(rule.allowance("audio for 'hear' ([SILENCE])", FLOW).allowed()).isEqualTo(Duration.ofSeconds(64));
        assertThat(rule.allowance("audio for 'hear-more' ([SPEECH])", FLOW).allowed()).isEqualTo(Duration.ofSeconds(80));
    }

    @Test
    void waitsItKnowsNothingAboutGetTheSlackAlone() {
        assertThat(rule.allowance("PlayCompleted for 'welcome' (op 2/welcome)", FLOW).allowed()).isEqualTo(Duration.ofSeconds(60));
        // an unknown flow: the menu's own timeout cannot be read
        assertThat(rule.allowance("RecognizeCompleted for 'main' (op 4/main)", null).allowed()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void onlyAWaitLongerThanAllowedIsStuck() {
        StuckRule quick = new StuckRule(Duration.ofSeconds(1));
        assertThat(quick.stuck("RecognizeCompleted for 'main' (op 4/main)", Duration.ofSeconds(8), FLOW)).isFalse();
        assertThat(quick.stuck("RecognizeCompleted for 'main' (op 4/main)", Duration.ofMillis(8001), FLOW)).isTrue();
        assertThat(quick.stuck(null, Duration.ofHours(1), FLOW)).as("a call that waits for nothing").isFalse();
        assertThatThrownBy(() -> new StuckRule(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}

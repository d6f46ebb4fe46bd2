package org.openivr.cli.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openivr.emulator.LedgerEntry;

class TimeToAnswerTest {
    private final TimeToAnswer timeToAnswer = new TimeToAnswer();

    private static LedgerEntry request(String operation, String callId) {
        return new LedgerEntry(Instant.EPOCH, "conn-" + callId, operation, null,
                "{\"callbackUri\":\"http://127.0.0.1:9/api/callbacks/" + callId + "\"}", 200);
    }

    @Test
    void measuresFromPlacingToTheAnswerWhicheverIsSeenFirst() {
        timeToAnswer.rang("call-a", 1_000_000);
        timeToAnswer.requestExecuted(request("answer", "call-a"), 41_000_000);
        // The answer can reach the ledger before the placing thread registers the call.
        timeToAnswer.requestExecuted(request("answer", "call-b"), 90_000_000);
        timeToAnswer.rang("call-b", 80_000_000);

        LatencySummary summary = timeToAnswer.latency().interval();
        assertThat(summary.count()).isEqualTo(2);
        assertThat(summary.maxMillis()).isBetween(39.9, 40.1);
        assertThat(summary.p50Millis()).isBetween(9.99, 10.01);
    }

    @Test
    void onlyAnswersCountAndAForgottenCallIsNoLongerMatched() {
        timeToAnswer.rang("call-a", 1_000_000);
        timeToAnswer.requestExecuted(request("play", "call-a"), 2_000_000);
        timeToAnswer.forget("call-a");
        timeToAnswer.requestExecuted(request("answer", "call-a"), 3_000_000);

        assertThat(timeToAnswer.latency().interval().count()).isZero();
    }
}

package org.openivr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ledger: subscribers, and {@link Ledger#repeatedSteps()} (what "executed twice" means for each kind of operation). */
class LedgerTest {
    private static LedgerEntry entry(String operation) {
        return new LedgerEntry(Instant.now(), "conn-1", operation, null, "{}", 202);
    }

    @Test
    void subscribersSeeEveryEntryAndKeepSeeingThemOnceTheLedgerStopsKeeping() {
        Ledger ledger = new Ledger();
        List<String> seen = new ArrayList<>();
        ledger.add(entry("answer"));
        ledger.subscribe(e -> seen.add(e.operation()));
        ledger.add(entry("play"));
        ledger.stopKeeping();
        ledger.add(entry("hangUp"));

        assertThat(seen).containsExactly("play", "hangUp");
        assertThat(ledger.entries()).extracting(LedgerEntry::operation).containsExactly("answer", "play");
        assertThat(ledger.count("conn-1", "hangUp")).isZero();
    }

    @Test
    void aFailingSubscriberNeitherFailsTheOperationNorStopsTheOthers() {
        Ledger ledger = new Ledger();
        List<String> seen = new ArrayList<>();
        ledger.subscribe(e -> {
            throw new IllegalStateException("broken subscriber");
        });
        ledger.subscribe(e -> seen.add(e.operation()));
        ledger.add(entry("play"));

        assertThat(seen).containsExactly("play");
        assertThat(ledger.count("conn-1", "play")).isEqualTo(1);
    }

    private static LedgerEntry entry(String call, String operation, String requestId, String body, int status) {
        return new LedgerEntry(Instant.now(), call, operation, requestId, body, status);
    }

    @Test
    void aCallIsAnsweredAndEndedOnceAndEachStepRunsOnce() {
        Ledger ledger = new Ledger();
        ledger.add(entry("c1", "answer", "r1", "{}", 200));
        ledger.add(entry("c1", "play", null, "{\"operationContext\":\"1/welcome\"}", 202));
        ledger.add(entry("c1", "play", null, "{\"operationContext\":\"2/menu\"}", 202));
        ledger.add(entry("c1", "sendDtmfTones", "r2", "{\"operationContext\":\"3/ext\"}", 202));
        ledger.add(entry("c1", "getCall", null, "", 200));
        ledger.add(entry("c1", "getCall", null, "", 200));
        ledger.add(entry("c1", "hangUp", null, "", 204));
        ledger.add(entry("c2", "answer", "r3", "{}", 200));
        ledger.add(entry("c2", "play", null, "{\"operationContext\":\"1/welcome\"}", 202));
        assertThat(ledger.repeatedSteps()).isEmpty();
    }

    @Test
    void theSameStepTwiceIsReportedWithBothExecutions() {
        Ledger ledger = new Ledger();
        ledger.add(entry("c1", "answer", "r1", "{}", 200));
        ledger.add(entry("c1", "recognize", null, "{\"operationContext\":\"2/menu\"}", 202));
        ledger.add(entry("c1", "recognize", null, "{\"operationContext\":\"2/menu\"}", 202));
        ledger.add(entry("c1", "answer", "r9", "{}", 200)); // a second answer with a fresh request id
        ledger.add(entry("c1", "hangUp", null, "", 204));
        ledger.add(entry("c1", "terminate", "r4", "", 204));
        ledger.add(entry("c1", "startRecording", "r5", "{}", 200));
        ledger.add(entry("c1", "startRecording", "r5", "{}", 200));
        ledger.add(entry("c1", "recognize", null, "{\"operationContext\":\"3/menu\"}", 400)); // refused: did nothing
        ledger.add(entry("c1", "recognize", null, "{\"operationContext\":\"3/menu\"}", 202));

        assertThat(ledger.repeatedSteps()).extracting(executions -> executions.get(0).operation() + "x" + executions.size())
                .containsExactly("answerx2", "recognizex2", "hangUpx2", "startRecordingx2");
    }
}

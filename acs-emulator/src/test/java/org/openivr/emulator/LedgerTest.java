package org.openivr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link Ledger#repeatedSteps()}: what "executed twice" means for each kind of operation. */
class LedgerTest {

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

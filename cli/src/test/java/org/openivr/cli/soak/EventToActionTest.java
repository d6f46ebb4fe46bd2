package org.openivr.cli.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openivr.emulator.LedgerEntry;

class EventToActionTest {
    private static final String CALL = "call-4f1c";
    private static final String CONNECTION = "conn-1";
    private final EventToAction eventToAction = new EventToAction();

    private static LedgerEntry request(String operation, String body) {
        return new LedgerEntry(Instant.EPOCH, CONNECTION, operation, null, body, 202);
    }

    private static LedgerEntry answer(String callId) {
        return request("answer", "{\"incomingCallContext\":\"x\",\"callbackUri\":\"http://127.0.0.1:8080/api/callbacks/"
                + callId + "\"}");
    }

    @Test
    void measuresFromTheCallbackToTheNextRequestOfTheSameCall() {
        eventToAction.track(CALL);
        eventToAction.requestExecuted(answer(CALL), 1_000);
        eventToAction.callbackArrived(CALL, 2_000_000);
        eventToAction.requestExecuted(request("play", "{}"), 7_000_000);
        eventToAction.callbackArrived(CALL, 10_000_000);
        eventToAction.requestExecuted(request("recognize", "{}"), 13_000_000);

        LatencySummary summary = eventToAction.latency().interval();
        assertThat(summary.count()).isEqualTo(2);
        assertThat(summary.maxMillis()).isBetween(4.99, 5.01);
        assertThat(summary.p50Millis()).isBetween(2.99, 3.01);
    }

    @Test
    void aRequestWithoutACallbackBeforeItIsNoSample() {
        eventToAction.track(CALL);
        eventToAction.requestExecuted(answer(CALL), 1_000);
        eventToAction.callbackArrived(CALL, 2_000_000);
        eventToAction.requestExecuted(request("play", "{}"), 3_000_000);
        eventToAction.requestExecuted(request("play", "{}"), 9_000_000);

        assertThat(eventToAction.latency().interval().count()).isEqualTo(1);
    }

    @Test
    void theLaterOfTwoCallbacksCountsSoTheCallersPausesNeverDo() {
        eventToAction.track(CALL);
        eventToAction.requestExecuted(answer(CALL), 1_000);
        eventToAction.callbackArrived(CALL, 1_000_000);
        eventToAction.callbackArrived(CALL, 900_000_000);
        eventToAction.requestExecuted(request("play", "{}"), 902_000_000);

        LatencySummary summary = eventToAction.latency().interval();
        assertThat(summary.count()).isEqualTo(1);
        assertThat(summary.maxMillis()).isBetween(1.99, 2.01);
        assertThat(eventToAction.counts().superseded()).isEqualTo(1);
    }

    @Test
    void callsNotTrackedAreNotSampled() {
        eventToAction.requestExecuted(answer(CALL), 1_000);
        eventToAction.callbackArrived(CALL, 2_000_000);
        eventToAction.requestExecuted(request("play", "{}"), 3_000_000);

        assertThat(eventToAction.latency().interval().count()).isZero();
        assertThat(eventToAction.counts().callbacks()).isZero();
    }

    @Test
    void aForgottenCallCountsItsLastCallbackAsUnansweredAndIsNoLongerFollowed() {
        eventToAction.track(CALL);
        eventToAction.requestExecuted(answer(CALL), 1_000);
        eventToAction.callbackArrived(CALL, 2_000_000);
        eventToAction.forget(CALL);
        eventToAction.callbackArrived(CALL, 3_000_000);
        eventToAction.requestExecuted(request("hangUp", "{}"), 4_000_000);

        assertThat(eventToAction.counts().unanswered()).isEqualTo(1);
        assertThat(eventToAction.latency().interval().count()).isZero();
    }

    @Test
    void theCallIsFoundInTheCallbackUriOfItsAnswerOrCreateCall() {
        assertThat(EventToAction.callIdIn(answer("call-abc"))).isEqualTo("call-abc");
        assertThat(EventToAction.callIdIn(request("createCall",
                "{\"callbackUri\":\"https://ivr.example.com/api/callbacks/call-out-1?x=1\"}"))).isEqualTo("call-out-1");
        assertThat(EventToAction.callIdIn(request("play", "{\"callbackUri\":\"http://h/api/callbacks/call-x\"}"))).isNull();
        assertThat(EventToAction.callIdIn(request("answer", "not json"))).isNull();
        assertThat(EventToAction.callIdIn(request("answer", "{\"callbackUri\":\"http://h/elsewhere\"}"))).isNull();
    }
}

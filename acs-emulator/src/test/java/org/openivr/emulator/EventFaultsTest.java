package org.openivr.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openivr.emulator.AnsweringApp.play;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Faults#dropEventsFor()}: ACS accepts the operation and never reports its result; {@link Faults#lateEvents()}:
 * ACS sends one kind of event late while the call's other events go on.
 */
class EventFaultsTest {
  static final String V = "2025-06-15";
  static final Duration LATE = Duration.ofSeconds(1);
  static AnsweringApp emulated;

  @BeforeAll
  static void start() throws Exception {
    emulated = AnsweringApp.start();
  }

  @AfterEach
  void noFaults() {
    emulated.acs.setFaults(Faults.none());
  }

  @AfterAll
  static void stop() {
    emulated.close();
  }

  @Test
  void aDroppedOperationIsAcceptedAndLedgeredButNoEventFollowsWhileOthersStillAnswer() throws Exception {
    emulated.acs.setFaults(Faults.none().withDropEventsFor("play"));
    AnsweringApp.Call call = emulated.connect(V);
    SignedClient.Reply play = emulated.client.post(call.path("play"), V, play("lost"));
    assertThat(play.status()).isEqualTo(202);
    assertThat(emulated.acs.ledger().entries(call.connectionId())).anySatisfy(e -> {
      assertThat(e.operation()).isEqualTo("play");
      assertThat(e.status()).isEqualTo(202);
    });

    emulated.acs.setFaults(Faults.none());
    emulated.client.post(call.path("play"), V, play("heard"));
    emulated.app.awaitEvent(call.connectionId(), "PlayCompleted");
    HttpSink.sleep(300);
    assertThat(emulated.app.events(call.connectionId()))
        .noneMatch(e -> e.at("/data/operationContext").asText().equals("lost"))
        .anyMatch(e -> e.at("/data/operationContext").asText().equals("heard"));
  }

  @Test
  void aLateCallDisconnectedComesAfterTheCallNotFoundOfARequestSentAfterTheEnd() throws Exception {
    emulated.acs.setFaults(Faults.none().withLateEvent("CallDisconnected", LATE));
    AnsweringApp.Call call = emulated.connect(V);
    emulated.client.post(call.path("play"), V, play("heard"));
    emulated.app.awaitEvent(call.connectionId(), "PlayCompleted"); // other events are not held back

    long ended = System.nanoTime();
    assertThat(emulated.client.post(call.path("terminate"), V, "").status()).isEqualTo(204);
    SignedClient.Reply late = emulated.client.post(call.path("play"), V, play("too late"));

    assertThat(late.status()).isEqualTo(404);
    assertThat(late.body()).contains("8522").contains("Call not found");
    assertThat(emulated.app.types(call.connectionId())).doesNotContain("CallDisconnected");
    emulated.app.awaitEvent(call.connectionId(), "CallDisconnected");
    assertThat(Duration.ofNanos(System.nanoTime() - ended)).isGreaterThanOrEqualTo(LATE);
  }

  @Test
  void theOlderConstructorsKeepMeaningNoDroppedOrLateEvents() {
    assertThat(new Faults(true, Duration.ZERO).dropEventsFor()).isEmpty();
    assertThat(new Faults(false, null, Set.of("sendDtmfTones")).dropEventsFor()).isEmpty();
    assertThat(new Faults(true, Duration.ZERO, Set.of(), Set.of(), Duration.ZERO).lateEvents()).isEmpty();
    assertThat(Faults.none().withDropEventsFor("recognize").withFailAfterExecuting("hold"))
        .satisfies(f -> {
          assertThat(f.dropEventsFor()).containsExactly("recognize");
          assertThat(f.failAfterExecuting()).containsExactly("hold");
        });
    assertThat(Faults.chaos().withLateEvent("CallDisconnected", LATE).withDropEventsFor("play"))
        .satisfies(f -> {
          assertThat(f.lateEvents()).isEqualTo(Map.of("CallDisconnected", LATE));
          assertThat(f.dropEventsFor()).containsExactly("play");
          assertThat(f.duplicateEvents()).isTrue();
        });
  }

  @Test
  void aLateEventCannotHaveANegativeDelay() {
    assertThatThrownBy(() -> Faults.none().withLateEvent("PlayCompleted", Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the delay of late PlayCompleted must not be negative: PT-0.001S");
  }
}

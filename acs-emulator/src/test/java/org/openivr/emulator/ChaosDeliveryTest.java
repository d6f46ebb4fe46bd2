package org.openivr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Faults#chaos()}: every event twice, a call's events shuffled within a window, and delayed. */
class ChaosDeliveryTest {

  private static final int EVENTS = 30;

  private HttpSink app;
  private CallbackDelivery delivery;
  private volatile Faults faults = Faults.none();

  @BeforeEach
  void start() throws Exception {
    app = new HttpSink();
    delivery = new CallbackDelivery(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
        () -> faults, () -> "token");
  }

  @AfterEach
  void stop() {
    delivery.close();
    app.close();
  }

  /** Posts events e0..e29 of one call, back to back, and returns the ids in the order the app received them. */
  private List<String> postInOrderAndReceive() throws Exception {
    CallbackDelivery.Queue queue = delivery.newQueue("call-1");
    URI target = app.uri("/api/callbacks/call-1");
    for (int i = 0; i < EVENTS; i++) {
      queue.post(target, "ContinuousDtmfRecognitionToneReceived", "[{\"id\":\"e" + i + "\",\"data\":{}}]");
    }
    queue.drained().get(30, TimeUnit.SECONDS);
    List<String> ids = new ArrayList<>();
    for (HttpSink.Received received : app.received()) {
      for (JsonNode event : received.json()) {
        ids.add(event.get("id").asText());
      }
    }
    return ids;
  }

  private static List<String> postingOrder() {
    return IntStream.range(0, EVENTS).mapToObj(i -> "e" + i).toList();
  }

  /** Each id's first arrival, in arrival order. */
  private static List<String> firstArrivals(List<String> ids) {
    return ids.stream().distinct().toList();
  }

  @Test
  void withoutFaultsACallsEventsArriveOnceAndInOrder() throws Exception {
    assertThat(postInOrderAndReceive()).isEqualTo(postingOrder());
  }

  @Test
  void chaosDeliversEveryEventTwiceAndLaterEventsOvertakeEarlierOnes() throws Exception {
    faults = Faults.chaos();
    List<String> ids = postInOrderAndReceive();

    Map<String, Long> copies = new LinkedHashMap<>();
    ids.forEach(id -> copies.merge(id, 1L, Long::sum));
    assertThat(copies.keySet()).containsExactlyInAnyOrderElementsOf(postingOrder());
    assertThat(copies.values()).allMatch(n -> n == 2);
    // Thirty events posted within microseconds and each held back up to 200 ms: in order only by a 1-in-30! fluke.
    assertThat(firstArrivals(ids)).isNotEqualTo(postingOrder());
  }

  @Test
  void duplicatesAloneKeepTheOrderOfFirstArrivals() throws Exception {
    faults = new Faults(true, Duration.ZERO);
    List<String> ids = postInOrderAndReceive();
    assertThat(ids).hasSize(2 * EVENTS);
    assertThat(firstArrivals(ids)).isEqualTo(postingOrder());
  }

  @Test
  void chaosKeepsTheOtherFaultsUnsetAndRejectsANegativeWindow() {
    Faults chaos = Faults.chaos();
    assertThat(chaos.duplicateEvents()).isTrue();
    assertThat(chaos.shuffleWindow()).isEqualTo(Faults.CHAOS_SHUFFLE_WINDOW);
    assertThat(chaos.failAfterExecuting()).isEmpty();
    assertThat(chaos.withDropEventsFor("play").shuffleWindow()).isEqualTo(Faults.CHAOS_SHUFFLE_WINDOW);
    assertThat(Faults.none().shuffles()).isFalse();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new Faults(true, null, null, null, Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shuffleWindow");
  }

  @Test
  void chaosDeliversACallsIncomingCallAndCallbacksTwiceThroughTheEmulator() throws Exception {
    try (AcsEmulator acs = AcsEmulator.start(EmulatorOptions.defaults(app.uri("/api/events")).withTimeScale(0.1)
        .withFaults(Faults.chaos()))) {
      SignedClient client = new SignedClient(acs);
      String correlationId = acs.placeCall(ScriptedCaller.of("test", "+14255550123", "+18005550100"));
      String context = app.awaitIncomingCall(correlationId).at("/data/incomingCallContext").asText();
      SignedClient.Reply answer = client.post("/calling/callConnections:answer", "{\"incomingCallContext\":\""
          + context + "\",\"callbackUri\":\"" + app.uri("/api/callbacks/wf-1") + "\"}");
      assertThat(answer.status()).isEqualTo(200);
      String id = answer.json().get("callConnectionId").asText();
      HttpSink.awaitTrue(() -> app.events(id).size() == 2, "CallConnected twice");
      List<JsonNode> connected = app.events(id);
      assertThat(connected.get(0).get("id")).isEqualTo(connected.get(1).get("id"));
      HttpSink.awaitTrue(() -> app.count(r -> "Notification".equals(r.aegEventType())
          && r.body().contains(correlationId)) == 2, "IncomingCall twice");
    }
  }
}

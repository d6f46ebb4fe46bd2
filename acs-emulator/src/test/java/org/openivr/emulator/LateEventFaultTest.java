package org.openivr.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link Faults#lateEvents()}: ACS sends one kind of event late, while the call's other events go on. */
class LateEventFaultTest {
  static final String V = "2025-06-15";
  static final Duration LATE = Duration.ofSeconds(1);
  static HttpSink app;
  static AcsEmulator acs;
  static SignedClient client;

  @BeforeAll
  static void start() throws Exception {
    app = new HttpSink();
    acs = AcsEmulator.start(EmulatorOptions.defaults(app.uri("/api/events")).withTimeScale(0.1));
    client = new SignedClient(acs);
  }

  @AfterAll
  static void stop() {
    acs.close();
    app.close();
  }

  @Test
  void aLateCallDisconnectedComesAfterTheCallNotFoundOfARequestSentAfterTheEnd() throws Exception {
    acs.setFaults(Faults.none().withLateEvent("CallDisconnected", LATE));
    String call = connect();
    client.post(path(call, "play"), V, play("heard"));
    app.awaitEvent(call, "PlayCompleted"); // other events are not held back

    long ended = System.nanoTime();
    assertThat(client.post(path(call, "terminate"), V, "").status()).isEqualTo(204);
    SignedClient.Reply late = client.post(path(call, "play"), V, play("too late"));

    assertThat(late.status()).isEqualTo(404);
    assertThat(late.body()).contains("8522").contains("Call not found");
    assertThat(app.types(call)).doesNotContain("CallDisconnected");
    app.awaitEvent(call, "CallDisconnected");
    assertThat(Duration.ofNanos(System.nanoTime() - ended)).isGreaterThanOrEqualTo(LATE);
    acs.setFaults(Faults.none());
  }

  @Test
  void theOlderConstructorsKeepMeaningNoLateEventsAndADelayCannotBeNegative() {
    assertThat(new Faults(true, Duration.ZERO, Set.of(), Set.of(), Duration.ZERO).lateEvents()).isEmpty();
    assertThat(Faults.chaos().withLateEvent("CallDisconnected", LATE).withDropEventsFor("play"))
        .satisfies(f -> {
          assertThat(f.lateEvents()).isEqualTo(Map.of("CallDisconnected", LATE));
          assertThat(f.dropEventsFor()).containsExactly("play");
          assertThat(f.duplicateEvents()).isTrue();
        });
    assertThatThrownBy(() -> Faults.none().withLateEvent("PlayCompleted", Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the delay of late PlayCompleted must not be negative: PT-0.001S");
  }

  private static String connect() throws Exception {
    String correlationId = acs.placeCall(ScriptedCaller.of("late", "+14255550123", "+18005550100"));
    String context = app.awaitIncomingCall(correlationId).at("/data/incomingCallContext").asText();
    SignedClient.Reply answer = client.post("/calling/callConnections:answer", V, "{\"incomingCallContext\":\"" + context
        + "\",\"callbackUri\":\"" + app.uri("/api/callbacks/late") + "\",\"operationContext\":\"answer\"}");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    String id = answer.json().get("callConnectionId").asText();
    app.awaitEvent(id, "CallConnected");
    return id;
  }

  private static String path(String call, String action) {
    return "/calling/callConnections/" + call + ":" + action;
  }

  private static String play(String context) {
    return "{\"playSources\":[{\"kind\":\"file\",\"file\":{\"uri\":\"https://cdn.example.com/menu.wav\"}}],"
        + "\"operationContext\":\"" + context + "\"}";
  }
}

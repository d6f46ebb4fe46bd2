package org.openivr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link Faults#dropEventsFor()}: ACS accepts the operation and never reports its result. */
class DropEventsFaultTest {
  static final String V = "2025-06-15";
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
  void aDroppedOperationIsAcceptedAndLedgeredButNoEventFollowsWhileOthersStillAnswer() throws Exception {
    acs.setFaults(Faults.none().withDropEventsFor("play"));
    String call = connect();
    SignedClient.Reply play = client.post(path(call, "play"), V, play("lost"));
    assertThat(play.status()).isEqualTo(202);
    assertThat(acs.ledger().entries(call)).anySatisfy(e -> {
      assertThat(e.operation()).isEqualTo("play");
      assertThat(e.status()).isEqualTo(202);
    });

    acs.setFaults(Faults.none());
    client.post(path(call, "play"), V, play("heard"));
    app.awaitEvent(call, "PlayCompleted");
    HttpSink.sleep(300);
    assertThat(app.events(call)).noneMatch(e -> e.at("/data/operationContext").asText().equals("lost"));
    assertThat(app.events(call)).anyMatch(e -> e.at("/data/operationContext").asText().equals("heard"));
  }

  private static String connect() throws Exception {
    String correlationId = acs.placeCall(ScriptedCaller.of("dropped", "+14255550123", "+18005550100"));
    String context = app.awaitIncomingCall(correlationId).at("/data/incomingCallContext").asText();
    SignedClient.Reply answer = client.post("/calling/callConnections:answer", V, "{\"incomingCallContext\":\"" + context
        + "\",\"callbackUri\":\"" + app.uri("/api/callbacks/dropped") + "\",\"operationContext\":\"answer\"}");
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

  @Test
  void theOlderConstructorsKeepMeaningNoDroppedEvents() {
    assertThat(new Faults(true, Duration.ZERO).dropEventsFor()).isEmpty();
    assertThat(new Faults(false, null, Set.of("sendDtmfTones")).dropEventsFor()).isEmpty();
    assertThat(Faults.none().withDropEventsFor("recognize").withFailAfterExecuting("hold"))
        .satisfies(f -> {
          assertThat(f.dropEventsFor()).containsExactly("recognize");
          assertThat(f.failAfterExecuting()).containsExactly("hold");
        });
  }
}

package org.openivr.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An emulator told to forget ended calls forgets them, and only them; by default it keeps every call. */
class EndedCallRetentionTest {
  private static HttpSink app;
  private static AcsEmulator acs;
  private static SignedClient client;

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
  void anEndedCallIsForgottenAndAConnectedOneIsKept() throws Exception {
    Call ended = connect();
    Call connected = connect();
    assertThat(client.delete(ended.path()).status()).isEqualTo(204);
    app.awaitEvent(ended.connectionId(), "CallDisconnected");
    Thread.sleep(1500);
    assertThat(acs.call(ended.correlationId())).as("kept by default, well after its end").isPresent();

    acs.forgetEndedCalls(Duration.ZERO);

    // Sweeps come a second apart: the first sees the call ended, the next forgets it.
    for (int i = 0; i < 50 && acs.call(ended.correlationId()).isPresent(); i++) {
      Thread.sleep(100);
    }
    assertThat(acs.call(ended.correlationId())).as("the ended call").isEmpty();
    assertThat(client.get(ended.path()).status()).isEqualTo(404);
    assertThat(acs.call(connected.correlationId())).as("the connected call").hasValueSatisfying(
        view -> assertThat(view.state()).isEqualTo("connected"));
    assertThat(client.get(connected.path()).status()).isEqualTo(200);
  }

  @Test
  void aNegativeRetentionIsRefused() {
    assertThatThrownBy(() -> acs.forgetEndedCalls(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
  }

  private record Call(String correlationId, String connectionId) {
    String path() {
      return "/calling/callConnections/" + connectionId;
    }
  }

  private static Call connect() throws Exception {
    String correlationId = acs.placeCall(ScriptedCaller.of("test", "+14255550123", "+18005550100"));
    String context = app.awaitIncomingCall(correlationId).at("/data/incomingCallContext").asText();
    SignedClient.Reply answer = client.post("/calling/callConnections:answer",
        "{\"incomingCallContext\":\"" + context + "\",\"callbackUri\":\"" + app.uri("/api/callbacks/wf-1")
            + "\",\"operationContext\":\"answer\"}");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    String id = answer.json().get("callConnectionId").asText();
    app.awaitEvent(id, "CallConnected");
    return new Call(correlationId, id);
  }
}

package org.openivr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An emulator (a tenth of real time) with an app that answers its calls: what the emulator's tests of a call's
 * lifetime share. Tests of one operation's wire format keep their own set-up, as they need other options.
 */
final class AnsweringApp implements AutoCloseable {
  final HttpSink app;
  final AcsEmulator acs;
  final SignedClient client;

  private AnsweringApp(HttpSink app, AcsEmulator acs, SignedClient client) {
    this.app = app;
    this.acs = acs;
    this.client = client;
  }

  static AnsweringApp start() throws Exception {
    HttpSink app = new HttpSink();
    AcsEmulator acs = AcsEmulator.start(EmulatorOptions.defaults(app.uri("/api/events")).withTimeScale(0.1));
    return new AnsweringApp(app, acs, new SignedClient(acs));
  }

  /** A call the app answered, once ACS said it connected. */
  record Call(String correlationId, String connectionId) {
    String path() {
      return "/calling/callConnections/" + connectionId;
    }

    String path(String action) {
      return path() + ":" + action;
    }
  }

  /** Places a call, answers it with {@code apiVersion} and waits for CallConnected. */
  Call connect(String apiVersion) throws Exception {
    String correlationId = acs.placeCall(ScriptedCaller.of("test", "+14255550123", "+18005550100"));
    String context = app.awaitIncomingCall(correlationId).at("/data/incomingCallContext").asText();
    SignedClient.Reply answer = client.post("/calling/callConnections:answer", apiVersion, "{\"incomingCallContext\":\""
        + context + "\",\"callbackUri\":\"" + app.uri("/api/callbacks/" + correlationId)
        + "\",\"operationContext\":\"answer\"}");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    String id = answer.json().get("callConnectionId").asText();
    app.awaitEvent(id, "CallConnected");
    return new Call(correlationId, id);
  }

  /** A play of one audio file carrying {@code operationContext}. */
  static String play(String operationContext) {
    return "{\"playSources\":[{\"kind\":\"file\",\"file\":{\"uri\":\"https://cdn.example.com/menu.wav\"}}],"
        + "\"operationContext\":\"" + operationContext + "\"}";
  }

  @Override
  public void close() {
    acs.close();
    app.close();
  }
}

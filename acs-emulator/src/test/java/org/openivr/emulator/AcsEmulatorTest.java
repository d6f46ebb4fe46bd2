package org.openivr.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The emulator over real HTTPS, with a local receiver standing in for the app. */
class AcsEmulatorTest {

  static final double TIME_SCALE = 0.1;
  static final String GUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  static final String PROMPT = "{\"kind\":\"file\",\"file\":{\"uri\":\"https://cdn.example.com/menu.wav\"}}";

  static HttpSink app;
  static AcsEmulator acs;
  static SignedClient client;

  @BeforeAll
  static void start() throws Exception {
    app = new HttpSink();
    acs = AcsEmulator.start(EmulatorOptions.defaults(app.uri("/api/events")).withTimeScale(TIME_SCALE));
    client = new SignedClient(acs);
  }

  @AfterAll
  static void stop() {
    acs.close();
    app.close();
  }

  record Call(String correlationId, String id) {
    String path(String action) {
      return "/calling/callConnections/" + id + (action == null ? "" : ":" + action);
    }
  }

  static ScriptedCaller caller(CallerStep... steps) {
    return ScriptedCaller.of("test", "+14255550123", "+18005550100", steps);
  }

  /** Places a call, answers it like the app would and waits for CallConnected. */
  static Call connect(CallerStep... steps) throws Exception {
    String correlationId = acs.placeCall(caller(steps));
    String context = app.awaitIncomingCall(correlationId).at("/data/incomingCallContext").asText();
    SignedClient.Reply answer = client.post("/calling/callConnections:answer", answerBody(context, "answer-ctx"));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    Call call = new Call(correlationId, answer.json().get("callConnectionId").asText());
    app.awaitEvent(call.id(), "CallConnected");
    return call;
  }

  static String answerBody(String context, String operationContext) {
    return "{\"incomingCallContext\":\"" + context + "\",\"callbackUri\":\"" + app.uri("/api/callbacks/wf-1")
        + "\",\"operationContext\":\"" + operationContext + "\"}";
  }

  static String recognize(String operationContext, int maxTones, String stopTones, int initialSilence) {
    return """
        {"recognizeInputType":"dtmf","playPrompt":%s,"interruptCallMediaOperation":false,
         "recognizeOptions":{"interruptPrompt":true,"initialSilenceTimeoutInSeconds":%d,
           "targetParticipant":{"rawId":"4:+14255550123","phoneNumber":{"value":"+14255550123"}},
           "dtmfOptions":{"interToneTimeoutInSeconds":2,"maxTonesToCollect":%d,"stopTones":%s}},
         "operationContext":"%s"}""".formatted(PROMPT, initialSilence, maxTones, stopTones, operationContext);
  }

  static List<String> tones(JsonNode event) {
    return HttpSink.MAPPER.convertValue(event.at("/data/dtmfResult/tones"), List.class);
  }

  static void assertResult(JsonNode event, int code, int subCode) {
    assertThat(event.at("/data/resultInformation/code").asInt()).isEqualTo(code);
    assertThat(event.at("/data/resultInformation/subCode").asInt()).isEqualTo(subCode);
  }

  @Test
  void forgedSignatureIsRefusedAndNothingRuns() throws Exception {
    try (AcsEmulator other = AcsEmulator.start(EmulatorOptions.defaults(app.uri("/api/events")))) {
      SignedClient forger = new SignedClient(other, "Zm9yZ2VkLWtleS1mb3JnZWQta2V5LWZvcmdlZA==");

      SignedClient.Reply reply = forger.post("/calling/callConnections:answer", answerBody("ctx", "x"));

      assertThat(reply.status()).isEqualTo(401);
      assertThat(reply.json().at("/error/code").asText()).isNotEmpty();
      assertThat(reply.json().at("/error/message").asText()).contains("HMAC");
      assertThat(other.ledger().entries()).isEmpty();
      assertThat(new SignedClient(other).get("/calling/callConnections/none").status()).isEqualTo(404);
    }
  }

  @Test
  void requiresAKnownApiVersionAndAKnownRoute() throws Exception {
    SignedClient.Reply missing = client.send("GET", "/calling/callConnections/x", null, "", Map.of());
    SignedClient.Reply unknownVersion = client.send("GET", "/calling/callConnections/x", "2020-01-01", "", Map.of());
    SignedClient.Reply unknownRoute = client.post("/calling/callConnections/x:dance", "{}");
    SignedClient.Reply unknownCall = client.post("/calling/callConnections/" + UUID.randomUUID() + ":play", "{}");
    SignedClient.Reply notYet = client.post("/calling/callConnections/x:startTranscription", "{}");
    SignedClient.Reply malformed = client.post("/calling/callConnections:answer", "{\"incomingCallContext\":");

    assertThat(missing.status()).isEqualTo(400);
    assertThat(unknownVersion.status()).isEqualTo(400);
    assertThat(unknownRoute.status()).isEqualTo(404);
    assertThat(unknownCall.status()).isEqualTo(404);
    assertThat(unknownCall.body()).isEqualTo("{\"error\":{\"code\":\"8522\",\"message\":\"Call not found.\"}}");
    assertThat(notYet.status()).isEqualTo(501);
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().at("/error/message").asText()).contains("not valid JSON");
  }

  @Test
  void validatesTheWebhookThenDeliversIncomingCall() {
    String correlationId = acs.placeCall(caller());

    JsonNode event = app.awaitIncomingCall(correlationId);
    List<HttpSink.Received> toWebhook =
        app.received().stream().filter(r -> r.path().equals("/api/events")).toList();
    assertThat(toWebhook.get(0).aegEventType()).isEqualTo("SubscriptionValidation");
    assertThat(toWebhook.get(0).json().get(0).get("eventType").asText())
        .isEqualTo("Microsoft.EventGrid.SubscriptionValidationEvent");
    assertThat(toWebhook.stream().filter(r -> "SubscriptionValidation".equals(r.aegEventType()))).hasSize(1);
    assertThat(correlationId).matches(GUID);
    assertThat(event.get("eventType").asText()).isEqualTo("Microsoft.Communication.IncomingCall");
    assertThat(event.get("subject").asText()).isEqualTo("/caller/4:+14255550123/recipient/4:+18005550100");
    assertThat(event.get("dataVersion").asText()).isEqualTo("1.0");
    assertThat(event.get("id").asText()).matches(GUID);
    assertThat(event.get("eventTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z");
    assertThat(event.at("/data/from").toString())
        .isEqualTo("{\"kind\":\"phoneNumber\",\"rawId\":\"4:+14255550123\",\"phoneNumber\":{\"value\":\"+14255550123\"}}");
    assertThat(event.at("/data/to/rawId").asText()).isEqualTo("4:+18005550100");
    assertThat(event.at("/data/serverCallId").asText()).isNotEmpty();
    assertThat(event.at("/data/incomingCallContext").asText()).isNotEmpty();
    assertThat(acs.call(correlationId)).hasValueSatisfying(view -> assertThat(view.state()).isEqualTo("ringing"));
  }

  @Test
  void placeCallFailsClearlyWhenTheWebhookDoesNotValidate() throws Exception {
    try (AcsEmulator other = AcsEmulator.start(EmulatorOptions.defaults(app.uri("/refuse/events")))) {
      assertThatThrownBy(() -> other.placeCall(caller()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("validation")
          .hasMessageContaining("/refuse/events");
    }
  }

  @Test
  void answerReturnsThePropertiesAndCallConnectedFollows() throws Exception {
    String correlationId = acs.placeCall(caller());
    String context = app.awaitIncomingCall(correlationId).at("/data/incomingCallContext").asText();

    SignedClient.Reply answer = client.post("/calling/callConnections:answer", answerBody(context, "start-42"));

    assertThat(answer.status()).isEqualTo(200);
    JsonNode properties = answer.json();
    String id = properties.get("callConnectionId").asText();
    assertThat(properties.get("callConnectionState").asText()).isEqualTo("unknown");
    assertThat(properties.get("correlationId").asText()).isEqualTo(correlationId);
    assertThat(properties.get("callbackUri").asText()).isEqualTo(app.uri("/api/callbacks/wf-1").toString());
    assertThat(properties.get("serverCallId").asText())
        .isEqualTo(app.awaitIncomingCall(correlationId).at("/data/serverCallId").asText());
    assertThat(properties.at("/targets/0/kind").asText()).isEqualTo("phoneNumber");
    assertThat(properties.at("/targets/0/rawId").asText()).isEqualTo("4:+14255550123");
    assertThat(properties.at("/targets/0/phoneNumber/value").asText()).isEqualTo("+14255550123");
    assertThat(properties.at("/source/rawId").asText()).isEqualTo("4:+18005550100");
    assertThat(answer.header("X-Microsoft-Skype-Chain-ID")).isEqualTo(correlationId);

    JsonNode connected = app.awaitEvent(id, "CallConnected");
    assertThat(connected.get("id").asText()).matches(GUID);
    assertThat(connected.get("source").asText()).isEqualTo("calling/callConnections/" + id);
    assertThat(connected.get("subject").asText()).isEqualTo("calling/callConnections/" + id);
    assertThat(connected.get("specversion").asText()).isEqualTo("1.0");
    assertThat(connected.get("datacontenttype").asText()).isEqualTo("application/json");
    assertThat(connected.get("time").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}\\+00:00");
    JsonNode data = connected.get("data");
    assertThat(data.get("operationContext").asText()).isEqualTo("start-42");
    assertThat(data.get("callConnectionId").asText()).isEqualTo(id);
    assertThat(data.get("correlationId").asText()).isEqualTo(correlationId);
    assertThat(data.get("serverCallId").asText()).isEqualTo(properties.get("serverCallId").asText());
    assertThat(data.get("version").asText()).isEqualTo("2023-03-06");
    assertThat(data.get("publicEventType").asText()).isEqualTo("Microsoft.Communication.CallConnected");
    assertThat(data.at("/resultInformation/code").asInt()).isEqualTo(200);
    assertThat(acs.call(correlationId)).hasValue(
        new EmulatedCallView(correlationId, id, data.get("serverCallId").asText(), "connected", null));

    SignedClient.Reply get = client.get("/calling/callConnections/" + id);
    assertThat(get.status()).isEqualTo(200);
    assertThat(get.json().get("callConnectionState").asText()).isEqualTo("connected");

    SignedClient.Reply again = client.post("/calling/callConnections:answer", answerBody(context, "start-43"));
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.json().at("/error/message").asText()).contains("already used");
    SignedClient.Reply bogus = client.post("/calling/callConnections:answer", answerBody("not-a-context", "x"));
    assertThat(bogus.status()).isEqualTo(400);
    assertThat(bogus.json().at("/error/message").asText()).contains("Unknown incomingCallContext");
    assertThat(acs.ledger().count(id, "answer")).isEqualTo(1);
    assertThat(acs.ledger().count(id, "getCall")).isEqualTo(1);
  }

  @Test
  void recognizeCompletesWhenMaxTonesAreReachedAndDropsTheRestOfTheStep() throws Exception {
    Call call = connect(new CallerStep.Press("1234"));

    assertThat(client.post(call.path("recognize"), recognize("menu", 3, "[]", 1)).status()).isEqualTo(202);
    JsonNode completed = app.awaitEvent(call.id(), "RecognizeCompleted");
    assertResult(completed, 200, 8531);
    assertThat(completed.at("/data/recognitionType").asText()).isEqualTo("dtmf");
    assertThat(tones(completed)).containsExactly("one", "two", "three");
    assertThat(completed.at("/data/operationContext").asText()).isEqualTo("menu");

    // The leftover "4" is not pressed into the next recognize: it times out on silence.
    client.post(call.path("recognize"), recognize("again", 3, "[]", 1));
    JsonNode failed = app.awaitEvent(call.id(), "RecognizeFailed");
    assertResult(failed, 400, 8510);
    assertThat(failed.at("/data/operationContext").asText()).isEqualTo("again");
  }

  @Test
  void recognizeCompletesOnAStopToneWithoutIt() throws Exception {
    Call call = connect(new CallerStep.Silence(Duration.ofMillis(500)), new CallerStep.Press("42#9"));

    client.post(call.path("recognize"), recognize("pin", 6, "[\"pound\"]", 5));

    JsonNode completed = app.awaitEvent(call.id(), "RecognizeCompleted");
    assertResult(completed, 200, 8514);
    assertThat(tones(completed)).containsExactly("four", "two");
  }

  @Test
  void recognizeCompletesOnInterDigitTimeoutWithTheTonesSoFar() throws Exception {
    Call call = connect(new CallerStep.Press("*7"));

    client.post(call.path("recognize"), recognize("account", 4, "[\"pound\"]", 5));

    JsonNode completed = app.awaitEvent(call.id(), "RecognizeCompleted");
    assertResult(completed, 200, 8532);
    assertThat(tones(completed)).containsExactly("asterisk", "seven");
  }

  @Test
  void recognizeFailsOnInitialSilence() throws Exception {
    Call call = connect(new CallerStep.Silence(Duration.ofSeconds(20)), new CallerStep.Press("1"));

    long start = System.nanoTime();
    client.post(call.path("recognize"), recognize("menu", 1, "[]", 2));
    JsonNode failed = app.awaitEvent(call.id(), "RecognizeFailed");
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;

    assertResult(failed, 400, 8510);
    assertThat(failed.at("/data/resultInformation/message").asText()).contains("initial silence");
    assertThat(failed.at("/data/dtmfResult").isMissingNode()).isTrue();
    // 1 s prompt + 2 s silence timeout, at time scale 0.1.
    assertThat(elapsedMs).isBetween(250L, 3000L);
  }

  @Test
  void keysWaitForThePromptUnlessItMayBeInterrupted() throws Exception {
    // 200 characters of prompt: 11 s of speech, 1.1 s at time scale 0.1.
    String prompt = "{\"kind\":\"text\",\"text\":{\"text\":\"" + "x".repeat(200) + "\"}}";
    String request = recognize("menu", 1, "[]", 5).replace(PROMPT, prompt);
    Call patient = connect(new CallerStep.Press("5"));
    Call eager = connect(new CallerStep.Press("5"));

    long start = System.nanoTime();
    client.post(patient.path("recognize"), "2025-06-15", request.replace("\"interruptPrompt\":true", "\"interruptPrompt\":false"));
    JsonNode afterPrompt = app.awaitEvent(patient.id(), "RecognizeCompleted");
    long patientMs = (System.nanoTime() - start) / 1_000_000;
    start = System.nanoTime();
    client.post(eager.path("recognize"), "2025-06-15", request);
    JsonNode duringPrompt = app.awaitEvent(eager.id(), "RecognizeCompleted");
    long eagerMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(tones(afterPrompt)).containsExactly("five");
    assertThat(tones(duringPrompt)).containsExactly("five");
    assertThat(patientMs).isGreaterThanOrEqualTo(1100);
    assertThat(eagerMs).isLessThan(patientMs - 500);
  }

  @Test
  void playingTextCompletes() throws Exception {
    Call call = connect();
    String play = """
        {"playSources":[{"kind":"text","text":{"text":"Welcome to the emulator.","voiceName":"en-US-JennyNeural"}}],
         "playOptions":{"loop":false},"operationContext":"welcome"}""";

    assertThat(client.post(call.path("play"), "2023-03-06", play).status()).isEqualTo(400);
    assertThat(client.post(call.path("play"), "2025-06-15", play).status()).isEqualTo(202);

    JsonNode completed = app.awaitEvent(call.id(), "PlayCompleted");
    assertResult(completed, 200, 0);
    assertThat(completed.at("/data/operationContext").asText()).isEqualTo("welcome");
    assertThat(completed.at("/data/version").asText()).isEqualTo("2025-06-15");
  }

  @Test
  void playingAFileThatIsNotWavFails() throws Exception {
    Call call = connect();

    client.post(call.path("play"),
        "{\"playSources\":[{\"kind\":\"file\",\"file\":{\"uri\":\"https://cdn.example.com/welcome.mp3\"}}]}");

    JsonNode failed = app.awaitEvent(call.id(), "PlayFailed");
    assertResult(failed, 400, 8535);
    assertThat(failed.get("data").has("operationContext")).isFalse();
  }

  @Test
  void operationCallbackUriOverridesTheCallbackUri() throws Exception {
    Call call = connect();

    client.post(call.path("play"), "2023-10-15", "{\"playSources\":[" + PROMPT + "],\"operationContext\":\"p\","
        + "\"operationCallbackUri\":\"" + app.uri("/op/callbacks") + "\"}");

    app.awaitEvent(call.id(), "PlayCompleted");
    assertThat(app.count(r -> r.path().equals("/op/callbacks") && r.body().contains("PlayCompleted"))).isEqualTo(1);
    assertThat(app.count(r -> r.path().equals("/api/callbacks/wf-1") && r.body().contains("PlayCompleted")
        && r.body().contains(call.id()))).isZero();
  }

  @Test
  void cancelAllMediaOperationsCancelsTheRunningAndQueuedOnes() throws Exception {
    Call call = connect();
    client.post(call.path("recognize"), recognize("menu", 1, "[]", 5));
    client.post(call.path("play"), "{\"playSources\":[" + PROMPT + "],\"operationContext\":\"queued\"}");

    assertThat(client.post(call.path("cancelAllMediaOperations"), "").status()).isEqualTo(202);

    JsonNode recognizeCanceled = app.awaitEvent(call.id(), "RecognizeCanceled");
    JsonNode playCanceled = app.awaitEvent(call.id(), "PlayCanceled");
    assertResult(recognizeCanceled, 400, 8508);
    assertResult(playCanceled, 400, 8508);
    assertThat(playCanceled.at("/data/operationContext").asText()).isEqualTo("queued");
    HttpSink.sleep(300);
    assertThat(app.types(call.id())).containsExactly("CallConnected", "RecognizeCanceled", "PlayCanceled");
  }

  @Test
  void aRecognizeThatInterruptsCancelsALoopingPlay() throws Exception {
    Call call = connect(new CallerStep.Press("9"));
    client.post(call.path("play"), "{\"playSources\":[" + PROMPT + "],\"playOptions\":{\"loop\":true},"
        + "\"operationContext\":\"music\"}");
    HttpSink.sleep(300); // three loops of the 1 s file at time scale 0.1: still playing

    client.post(call.path("recognize"), "2023-10-15",
        recognize("menu", 1, "[]", 5).replace("\"interruptCallMediaOperation\":false", "\"interruptCallMediaOperation\":true"));

    JsonNode completed = app.awaitEvent(call.id(), "RecognizeCompleted");
    assertThat(tones(completed)).containsExactly("nine");
    assertThat(app.types(call.id())).containsExactly("CallConnected", "PlayCanceled", "RecognizeCompleted");
  }

  @Test
  void hangUpDisconnectsAndLaterOperationsFindNoCall() throws Exception {
    Call call = connect();

    assertThat(client.delete(call.path(null)).status()).isEqualTo(204);

    JsonNode disconnected = app.awaitEvent(call.id(), "CallDisconnected");
    assertThat(disconnected.at("/data/callConnectionId").asText()).isEqualTo(call.id());
    SignedClient.Reply get = client.get(call.path(null));
    assertThat(get.status()).isEqualTo(404);
    assertThat(get.json().at("/error/code").asText()).isEqualTo("8522");
    assertThat(get.json().at("/error/message").asText()).isEqualTo("Call not found.");
    assertThat(client.post(call.path("play"), "{\"playSources\":[" + PROMPT + "]}").status()).isEqualTo(404);
    assertThat(acs.call(call.correlationId())).hasValueSatisfying(view -> {
      assertThat(view.state()).isEqualTo("disconnected");
      assertThat(view.disconnectedBy()).isEqualTo("app");
    });
  }

  @Test
  void callerHangsUpMidCall() throws Exception {
    Call call = connect(new CallerStep.Say("Hi"), new CallerStep.HangUp());

    app.awaitEvent(call.id(), "CallDisconnected");

    assertThat(acs.call(call.correlationId())).hasValueSatisfying(view -> {
      assertThat(view.state()).isEqualTo("disconnected");
      assertThat(view.disconnectedBy()).isEqualTo("caller");
    });
    assertThat(client.post(call.path("terminate"), "").status()).isEqualTo(404);
  }

  @Test
  void repeatedRequestIdsAreAnsweredAgainButNotExecutedAgain() throws Exception {
    String correlationId = acs.placeCall(caller());
    String context = app.awaitIncomingCall(correlationId).at("/data/incomingCallContext").asText();
    Map<String, String> answerIds = Map.of("Repeatability-Request-ID", UUID.randomUUID().toString(),
        "Repeatability-First-Sent", "Mon, 16 Jun 2025 20:52:30 GMT");

    SignedClient.Reply first = client.send("POST", "/calling/callConnections:answer", SignedClient.API_VERSION,
        answerBody(context, "a"), answerIds);
    SignedClient.Reply replay = client.send("POST", "/calling/callConnections:answer", SignedClient.API_VERSION,
        answerBody(context, "a"), answerIds);

    assertThat(first.status()).isEqualTo(200);
    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.body()).isEqualTo(first.body());
    assertThat(replay.header("Repeatability-Result")).isEqualTo("accepted");
    String id = first.json().get("callConnectionId").asText();
    assertThat(acs.ledger().count(id, "answer")).isEqualTo(1);

    Map<String, String> terminateIds = Map.of("Repeatability-Request-ID", UUID.randomUUID().toString(),
        "Repeatability-First-Sent", "Mon, 16 Jun 2025 20:52:31 GMT");
    String terminate = "/calling/callConnections/" + id + ":terminate";
    assertThat(client.send("POST", terminate, SignedClient.API_VERSION, "", terminateIds).status()).isEqualTo(204);
    SignedClient.Reply terminateAgain = client.send("POST", terminate, SignedClient.API_VERSION, "", terminateIds);
    assertThat(terminateAgain.status()).isEqualTo(204);
    assertThat(terminateAgain.header("Repeatability-Result")).isEqualTo("accepted");
    // Without the header it is a new request, and the call is gone.
    assertThat(client.post(terminate, "").status()).isEqualTo(404);

    app.awaitEvent(id, "CallDisconnected");
    HttpSink.sleep(300);
    assertThat(acs.ledger().count(id, "terminate")).isEqualTo(2);
    assertThat(acs.ledger().entries(id).stream().map(LedgerEntry::status)).containsExactly(200, 204, 404);
    assertThat(app.types(id)).containsExactly("CallConnected", "CallDisconnected");
  }

  @Test
  void duplicateEventsFaultPostsEachEventTwiceWithTheSameId() throws Exception {
    acs.setFaults(new Faults(true, Duration.ofMillis(20)));
    try {
      Call call = connect();
      client.post(call.path("play"), "{\"playSources\":[" + PROMPT + "],\"operationContext\":\"dup\"}");
      app.awaitEvent(call.id(), "PlayCompleted");
      HttpSink.sleep(200);

      List<JsonNode> events = app.events(call.id());
      assertThat(events).hasSize(4);
      assertThat(events.get(0).get("id")).isEqualTo(events.get(1).get("id"));
      assertThat(events.get(2).get("id")).isEqualTo(events.get(3).get("id"));
      assertThat(app.types(call.id())).containsExactly("CallConnected", "CallConnected", "PlayCompleted", "PlayCompleted");
      long incomingCalls = app.count(r -> "Notification".equals(r.aegEventType()) && r.body().contains(call.correlationId()));
      assertThat(incomingCalls).isEqualTo(2);
    } finally {
      acs.setFaults(Faults.none());
    }
  }

  @Test
  void failedPostsAreRetriedButRefusedOnesAreNot() throws Exception {
    Call call = connect();
    String path = "/api/callbacks/flaky";
    int[] posts = {0};
    app.status = r -> r.path().equals(path) && posts[0]++ == 0 ? 503 : (r.path().equals("/api/callbacks/gone") ? 410 : 200);
    try {
      client.post(call.path("play"), "2023-10-15", "{\"playSources\":[" + PROMPT + "],\"operationContext\":\"retry\","
          + "\"operationCallbackUri\":\"" + app.uri(path) + "\"}");
      client.post(call.path("play"), "2023-10-15", "{\"playSources\":[" + PROMPT + "],\"operationContext\":\"gone\","
          + "\"operationCallbackUri\":\"" + app.uri("/api/callbacks/gone") + "\"}");

      HttpSink.awaitTrue(() -> app.count(r -> r.path().equals("/api/callbacks/gone")) == 1, "second play's event");
      HttpSink.sleep(500);
      List<HttpSink.Received> flaky = app.received().stream().filter(r -> r.path().equals(path)).toList();
      assertThat(flaky).extracting(HttpSink.Received::answeredStatus).containsExactly(503, 200);
      assertThat(flaky.get(0).body()).isEqualTo(flaky.get(1).body());
      assertThat(app.count(r -> r.path().equals("/api/callbacks/gone"))).isEqualTo(1);
    } finally {
      app.status = r -> 200;
    }
  }

  @Test
  void exposesTheLedgerAsJson() throws Exception {
    Call call = connect();
    client.get(call.path(null));

    java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newBuilder()
        .sslContext(trusting(acs)).build()
        .send(java.net.http.HttpRequest.newBuilder(acs.endpoint().resolve("/emulator/ledger?callConnectionId=" + call.id()))
            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode ledger = HttpSink.MAPPER.readTree(response.body());
    assertThat(ledger).hasSize(2);
    assertThat(ledger.get(0).get("operation").asText()).isEqualTo("answer");
    assertThat(ledger.get(1).get("operation").asText()).isEqualTo("getCall");
    assertThat(ledger.get(1).get("status").asInt()).isEqualTo(200);
  }

  @Test
  void connectionStringAndCertificateDescribeTheEndpoint() throws Exception {
    assertThat(acs.connectionString())
        .matches("endpoint=https://localhost:\\d+/;accesskey=[A-Za-z0-9+/=]+")
        .startsWith("endpoint=" + acs.endpoint() + ";");
    assertThat(acs.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(java.nio.file.Files.readString(acs.certificatePemFile())).isEqualTo(acs.certificatePem());
  }

  static javax.net.ssl.SSLContext trusting(AcsEmulator emulator) throws Exception {
    java.security.KeyStore trust = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("acs", java.security.cert.CertificateFactory.getInstance("X.509")
        .generateCertificate(java.nio.file.Files.newInputStream(emulator.certificatePemFile())));
    javax.net.ssl.TrustManagerFactory factory =
        javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}

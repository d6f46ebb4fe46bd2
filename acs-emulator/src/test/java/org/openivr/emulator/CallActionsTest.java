package org.openivr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Send DTMF, continuous DTMF recognition, hold, transfer, media streaming and the media-operation
 * concurrency table, over real HTTPS against the emulator.
 */
class CallActionsTest {

  static final String V = "2025-06-15";
  static final String CALLER_PHONE = "+14255550123";
  static final String CALLER = "{\"kind\":\"phoneNumber\",\"rawId\":\"4:+14255550123\",\"phoneNumber\":{\"value\":\"+14255550123\"}}";
  static final String STRANGER = "{\"kind\":\"phoneNumber\",\"rawId\":\"4:+14255559999\",\"phoneNumber\":{\"value\":\"+14255559999\"}}";
  static final String ACS_USER = "{\"kind\":\"communicationUser\",\"rawId\":\"8:acs:res_agent-1\",\"communicationUser\":{\"id\":\"8:acs:res_agent-1\"}}";
  /** 200 characters of text: 11 s of speech, 1.1 s at time scale 0.1. */
  static final String LONG_TEXT = "{\"kind\":\"text\",\"text\":{\"text\":\"" + "x".repeat(200) + "\"}}";
  static final String FILE = "{\"kind\":\"file\",\"file\":{\"uri\":\"https://cdn.example.com/menu.wav\"}}";

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

  record Call(String correlationId, String id) {
    String path(String action) {
      return "/calling/callConnections/" + id + (action == null ? "" : ":" + action);
    }
  }

  static Call connect(CallerStep... steps) throws Exception {
    return connectWith(null, steps);
  }

  /** Answers at 2025-06-15, with these mediaStreamingOptions (JSON) when not null. */
  static Call connectWith(String mediaStreamingOptions, CallerStep... steps) throws Exception {
    String correlationId = acs.placeCall(ScriptedCaller.of("test", CALLER_PHONE, "+18005550100", steps));
    SignedClient.Reply answer = client.post("/calling/callConnections:answer", V, answerBody(correlationId, mediaStreamingOptions));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    Call call = new Call(correlationId, answer.json().get("callConnectionId").asText());
    app.awaitEvent(call.id(), "CallConnected");
    return call;
  }

  static String answerBody(String correlationId, String mediaStreamingOptions) {
    String context = app.awaitIncomingCall(correlationId).at("/data/incomingCallContext").asText();
    return "{\"incomingCallContext\":\"" + context + "\",\"callbackUri\":\"" + app.uri("/api/callbacks/actions")
        + "\",\"operationContext\":\"answer\"" + (mediaStreamingOptions == null ? "" : ",\"mediaStreamingOptions\":"
        + mediaStreamingOptions) + "}";
  }

  static SignedClient.Reply post(Call call, String action, String body) throws Exception {
    return client.post(call.path(action), V, body);
  }

  static String sendDtmf(String tones, String target, String context) {
    return "{\"tones\":" + tones + ",\"targetParticipant\":" + target + ",\"operationContext\":\"" + context + "\"}";
  }

  static String target(String participant, String context) {
    return "{\"targetParticipant\":" + participant + ",\"operationContext\":\"" + context + "\"}";
  }

  static String play(String source, String context, boolean toCaller) {
    return "{\"playSources\":[" + source + "],\"playTo\":[" + (toCaller ? CALLER : "") + "],\"operationContext\":\""
        + context + "\"}";
  }

  static String recognize(String context) {
    return """
        {"recognizeInputType":"dtmf","recognizeOptions":{"interruptPrompt":true,"initialSilenceTimeoutInSeconds":5,
           "targetParticipant":%s,"dtmfOptions":{"interToneTimeoutInSeconds":2,"maxTonesToCollect":2}},
         "operationContext":"%s"}""".formatted(CALLER, context);
  }

  static String tones(int n) {
    return "[" + String.join(",", Collections.nCopies(n, "\"one\"")) + "]";
  }

  static void assertResult(JsonNode event, int code, int subCode) {
    assertThat(event.at("/data/resultInformation/code").asInt()).as(event.toString()).isEqualTo(code);
    assertThat(event.at("/data/resultInformation/subCode").asInt()).as(event.toString()).isEqualTo(subCode);
  }

  static void assertConflict(SignedClient.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(412);
    assertThat(reply.json().at("/error/code").asText()).isEqualTo("8583");
  }

  static List<JsonNode> eventsOf(Call call, String type) {
    return app.events(call.id()).stream()
        .filter(e -> e.get("type").asText().equals("Microsoft.Communication." + type)).toList();
  }

  static Map<String, String> repeatability(String id) {
    return Map.of("Repeatability-Request-ID", id, "Repeatability-First-Sent", "Mon, 16 Jun 2025 20:52:30 GMT");
  }

  // ---- send DTMF ---------------------------------------------------------------------------------

  @Test
  void sendDtmfIsAcceptedThenCompletes() throws Exception {
    Call call = connect();

    SignedClient.Reply reply = post(call, "sendDtmfTones", sendDtmf("[\"one\",\"two\",\"pound\"]", CALLER, "dtmf-1"));

    assertThat(reply.status()).isEqualTo(202);
    assertThat(reply.body()).isEqualTo("{\"operationContext\":\"dtmf-1\"}");
    JsonNode completed = app.awaitEvent(call.id(), "SendDtmfTonesCompleted");
    assertResult(completed, 200, 0);
    assertThat(completed.at("/data/operationContext").asText()).isEqualTo("dtmf-1");
    assertThat(completed.at("/data/version").asText()).isEqualTo(V);
    List<LedgerEntry> sends = acs.ledger().entries(call.id()).stream()
        .filter(e -> e.operation().equals("sendDtmfTones")).toList();
    assertThat(sends).hasSize(1);
    assertThat(sends.get(0).requestBody()).contains("\"one\",\"two\",\"pound\"");
    assertThat(sends.get(0).status()).isEqualTo(202);
  }

  @Test
  void sendDtmfRefusesMoreThan18TonesNonPstnTargetsUnknownTonesAndOldApiVersions() throws Exception {
    Call call = connect();

    SignedClient.Reply nineteen = post(call, "sendDtmfTones", sendDtmf(tones(19), CALLER, "too-many"));
    SignedClient.Reply user = post(call, "sendDtmfTones", sendDtmf("[\"one\"]", ACS_USER, "user"));
    SignedClient.Reply bogus = post(call, "sendDtmfTones", sendDtmf("[\"eleven\"]", CALLER, "bogus"));
    SignedClient.Reply none = post(call, "sendDtmfTones", sendDtmf("[]", CALLER, "none"));
    SignedClient.Reply old = client.post(call.path("sendDtmfTones"), "2023-03-06", sendDtmf("[\"one\"]", CALLER, "old"));
    SignedClient.Reply eighteen = post(call, "sendDtmfTones", sendDtmf(tones(18), CALLER, "eighteen"));

    assertThat(nineteen.status()).isEqualTo(400);
    assertThat(nineteen.json().at("/error/message").asText()).contains("18");
    assertThat(user.status()).isEqualTo(400);
    assertThat(user.json().at("/error/message").asText()).contains("PSTN");
    assertThat(bogus.status()).isEqualTo(400);
    assertThat(none.status()).isEqualTo(400);
    assertThat(old.status()).isEqualTo(400);
    assertThat(eighteen.status()).isEqualTo(202);
    assertThat(app.awaitEvent(call.id(), "SendDtmfTonesCompleted").at("/data/operationContext").asText())
        .isEqualTo("eighteen");
  }

  @Test
  void sendDtmfToSomeoneNotInTheCallFails() throws Exception {
    Call call = connect();

    assertThat(post(call, "sendDtmfTones", sendDtmf("[\"one\"]", STRANGER, "stranger")).status()).isEqualTo(202);

    JsonNode failed = app.awaitEvent(call.id(), "SendDtmfTonesFailed");
    assertResult(failed, 400, 8522);
    assertThat(failed.at("/data/operationContext").asText()).isEqualTo("stranger");
  }

  @Test
  void aRepeatedSendDtmfIsAnsweredAgainButSendsOnce() throws Exception {
    Call call = connect();
    Map<String, String> ids = repeatability(UUID.randomUUID().toString());
    String body = sendDtmf("[\"four\",\"two\"]", CALLER, "ext");

    SignedClient.Reply first = client.send("POST", call.path("sendDtmfTones"), V, body, ids);
    SignedClient.Reply again = client.send("POST", call.path("sendDtmfTones"), V, body, ids);

    assertThat(first.status()).isEqualTo(202);
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.header("Repeatability-Result")).isEqualTo("accepted");
    app.awaitEvent(call.id(), "SendDtmfTonesCompleted");
    HttpSink.sleep(200);
    assertThat(acs.ledger().count(call.id(), "sendDtmfTones")).isEqualTo(1);
    assertThat(eventsOf(call, "SendDtmfTonesCompleted")).hasSize(1);
  }

  @Test
  void failAfterExecutingLosesTheFirstResponseOnlyAndARetrySendsNothing() throws Exception {
    acs.setFaults(Faults.none().withFailAfterExecuting("sendDtmfTones"));
    try {
      Call call = connect();
      Map<String, String> ids = repeatability(UUID.randomUUID().toString());
      String body = sendDtmf("[\"nine\"]", CALLER, "lost");

      SignedClient.Reply lost = client.send("POST", call.path("sendDtmfTones"), V, body, ids);
      SignedClient.Reply retried = client.send("POST", call.path("sendDtmfTones"), V, body, ids);

      assertThat(lost.status()).isEqualTo(500);
      assertThat(lost.json().at("/error/message").asText()).contains("executed");
      assertThat(retried.status()).isEqualTo(202);
      assertThat(retried.body()).isEqualTo("{\"operationContext\":\"lost\"}");
      assertThat(retried.header("Repeatability-Result")).isEqualTo("accepted");
      app.awaitEvent(call.id(), "SendDtmfTonesCompleted");
      assertThat(acs.ledger().count(call.id(), "sendDtmfTones")).isEqualTo(1);

      // Once per operation and call: a new request is answered normally.
      HttpSink.sleep(100);
      SignedClient.Reply next = post(call, "sendDtmfTones", sendDtmf("[\"one\"]", CALLER, "next"));
      assertThat(next.status()).isEqualTo(202);
      HttpSink.awaitTrue(() -> eventsOf(call, "SendDtmfTonesCompleted").size() == 2, "second completion");
      assertThat(acs.ledger().count(call.id(), "sendDtmfTones")).isEqualTo(2);
      assertThat(eventsOf(call, "SendDtmfTonesCompleted")).extracting(e -> e.at("/data/operationContext").asText())
          .containsExactly("lost", "next");
    } finally {
      acs.setFaults(Faults.none());
    }
  }

  // ---- continuous DTMF recognition ---------------------------------------------------------------

  @Test
  void continuousRecognitionReportsKeysPressedWithoutARecognizeInOrder() throws Exception {
    // The first Press waits: nobody listens until continuous recognition starts.
    Call call = connect(new CallerStep.Press("12#"), new CallerStep.Silence(Duration.ofSeconds(3)),
        new CallerStep.Press("9"));

    HttpSink.sleep(200);
    assertThat(app.types(call.id())).containsExactly("CallConnected");
    assertThat(post(call, "startContinuousDtmfRecognition", target(CALLER, "keys-on")).status()).isEqualTo(200);

    HttpSink.awaitTrue(() -> eventsOf(call, "ContinuousDtmfRecognitionToneReceived").size() == 3, "three tones");
    List<JsonNode> tones = eventsOf(call, "ContinuousDtmfRecognitionToneReceived");
    assertThat(tones).extracting(e -> e.at("/data/tone").asText()).containsExactly("one", "two", "pound");
    assertThat(tones).extracting(e -> e.at("/data/sequenceId").asLong()).containsExactly(1L, 2L, 3L);
    assertThat(tones).allSatisfy(e -> {
      assertResult(e, 200, 0);
      assertThat(e.at("/data/operationContext").asText()).isEqualTo("keys-on");
      assertThat(e.at("/data/version").asText()).isEqualTo(V);
    });

    assertThat(post(call, "stopContinuousDtmfRecognition", target(CALLER, "keys-off")).status()).isEqualTo(200);
    JsonNode stopped = app.awaitEvent(call.id(), "ContinuousDtmfRecognitionStopped");
    assertResult(stopped, 200, 0);
    assertThat(stopped.at("/data/operationContext").asText()).isEqualTo("keys-off");

    // The "9" waits while nobody listens; switched on again, sequence ids go on rising.
    HttpSink.sleep(600);
    assertThat(eventsOf(call, "ContinuousDtmfRecognitionToneReceived")).hasSize(3);
    assertThat(post(call, "startContinuousDtmfRecognition", target(CALLER, "keys-again")).status()).isEqualTo(200);
    HttpSink.awaitTrue(() -> eventsOf(call, "ContinuousDtmfRecognitionToneReceived").size() == 4, "fourth tone");
    JsonNode nine = eventsOf(call, "ContinuousDtmfRecognitionToneReceived").get(3);
    assertThat(nine.at("/data/tone").asText()).isEqualTo("nine");
    assertThat(nine.at("/data/sequenceId").asLong()).isEqualTo(4L);
    assertThat(nine.at("/data/operationContext").asText()).isEqualTo("keys-again");
    assertThat(acs.ledger().count(call.id(), "startContinuousDtmfRecognition")).isEqualTo(2);
  }

  @Test
  void aRecognizeAndContinuousRecognitionBothHearTheSameKeys() throws Exception {
    Call call = connect(new CallerStep.Silence(Duration.ofMillis(1500)), new CallerStep.Press("78"));
    assertThat(post(call, "startContinuousDtmfRecognition", target(CALLER, "keys")).status()).isEqualTo(200);
    assertThat(post(call, "recognize", recognize("menu")).status()).isEqualTo(202);

    JsonNode completed = app.awaitEvent(call.id(), "RecognizeCompleted");

    assertThat(completed.at("/data/dtmfResult/tones").toString()).isEqualTo("[\"seven\",\"eight\"]");
    HttpSink.awaitTrue(() -> eventsOf(call, "ContinuousDtmfRecognitionToneReceived").size() == 2, "two tones");
    assertThat(eventsOf(call, "ContinuousDtmfRecognitionToneReceived"))
        .extracting(e -> e.at("/data/tone").asText() + "#" + e.at("/data/sequenceId").asLong())
        .containsExactly("seven#1", "eight#2");
  }

  @Test
  void theCallEndingStopsContinuousRecognitionWith7000() throws Exception {
    Call call = connect();
    post(call, "startContinuousDtmfRecognition", target(CALLER, "keys"));

    assertThat(client.delete(call.path(null)).status()).isEqualTo(204);

    app.awaitEvent(call.id(), "CallDisconnected");
    JsonNode stopped = app.awaitEvent(call.id(), "ContinuousDtmfRecognitionStopped");
    assertResult(stopped, 200, 7000);
    assertThat(app.types(call.id())).containsExactly("CallConnected", "ContinuousDtmfRecognitionStopped", "CallDisconnected");
  }

  @Test
  void continuousRecognitionOfSomeoneNotInTheCallFails() throws Exception {
    Call call = connect();

    assertThat(post(call, "startContinuousDtmfRecognition", target(STRANGER, "who")).status()).isEqualTo(200);

    JsonNode failed = app.awaitEvent(call.id(), "ContinuousDtmfRecognitionToneFailed");
    assertResult(failed, 400, 8522);
    assertThat(failed.at("/data/operationContext").asText()).isEqualTo("who");
    assertThat(client.post(call.path("startContinuousDtmfRecognition"), "2023-03-06", target(CALLER, "old")).status())
        .isEqualTo(400);
  }

  // ---- hold --------------------------------------------------------------------------------------

  @Test
  void holdWithMusicAndUnholdShowInParticipants() throws Exception {
    Call call = connect();
    String hold = "{\"targetParticipant\":" + CALLER + ",\"playSourceInfo\":" + FILE + ",\"operationContext\":\"hold-1\"}";

    SignedClient.Reply held = post(call, "hold", hold);

    assertThat(held.status()).isEqualTo(200);
    assertThat(held.body()).isEmpty();
    JsonNode update = app.awaitEvent(call.id(), "ParticipantsUpdated");
    assertThat(update.at("/data/participants/0/identifier/rawId").asText()).isEqualTo("4:" + CALLER_PHONE);
    assertThat(update.at("/data/participants/0/isOnHold").asBoolean()).isTrue();
    SignedClient.Reply participants = client.send("GET", call.path(null) + "/participants", V, "", Map.of());
    assertThat(participants.status()).isEqualTo(200);
    assertThat(participants.json().at("/value/0/isOnHold").asBoolean()).isTrue();
    assertThat(participants.json().at("/value/0/identifier/kind").asText()).isEqualTo("phoneNumber");

    assertThat(post(call, "unhold", target(CALLER, "unhold-1")).status()).isEqualTo(200);
    HttpSink.awaitTrue(() -> eventsOf(call, "ParticipantsUpdated").size() == 2, "second ParticipantsUpdated");
    JsonNode after = eventsOf(call, "ParticipantsUpdated").get(1);
    assertThat(after.at("/data/participants/0/isOnHold").asBoolean()).isFalse();
    assertThat(after.at("/data/sequenceNumber").asInt()).isGreaterThan(update.at("/data/sequenceNumber").asInt());
    assertThat(client.send("GET", call.path(null) + "/participants", V, "", Map.of()).json().at("/value/0/isOnHold")
        .asBoolean()).isFalse();
    assertThat(acs.ledger().entries(call.id()).stream().filter(e -> e.operation().equals("hold")).toList())
        .singleElement().satisfies(e -> assertThat(e.requestBody()).contains("\"playSourceInfo\"", "menu.wav"));
  }

  @Test
  void holdFailsForSomeoneNotInTheCallOrUnplayableMusic() throws Exception {
    Call call = connect();

    assertThat(post(call, "hold", target(STRANGER, "hold-stranger")).status()).isEqualTo(200);
    JsonNode failed = app.awaitEvent(call.id(), "HoldFailed");
    assertResult(failed, 400, 8522);
    assertThat(failed.at("/data/operationContext").asText()).isEqualTo("hold-stranger");

    String mp3 = "{\"targetParticipant\":" + CALLER + ",\"playSourceInfo\":{\"kind\":\"file\",\"file\":{\"uri\":"
        + "\"https://cdn.example.com/moh.mp3\"}},\"operationContext\":\"hold-mp3\"}";
    assertThat(post(call, "hold", mp3).status()).isEqualTo(200);
    HttpSink.awaitTrue(() -> eventsOf(call, "HoldFailed").size() == 2, "second HoldFailed");
    assertResult(eventsOf(call, "HoldFailed").get(1), 400, 8535);

    assertThat(post(call, "unhold", target(STRANGER, "x")).status()).isEqualTo(404);
    assertThat(client.post(call.path("hold"), "2024-04-15", target(CALLER, "old")).status()).isEqualTo(400);
    assertThat(eventsOf(call, "ParticipantsUpdated")).isEmpty();
  }

  // ---- transfer ----------------------------------------------------------------------------------

  @Test
  void anAcceptedTransferEndsTheCallWith7015() throws Exception {
    Call call = connect();
    post(call, "startContinuousDtmfRecognition", target(CALLER, "keys"));
    String body = "{\"targetParticipant\":{\"kind\":\"phoneNumber\",\"rawId\":\"4:+18005550199\",\"phoneNumber\":"
        + "{\"value\":\"+18005550199\"}},\"transferee\":" + CALLER + ",\"operationContext\":\"xfer\"}";

    SignedClient.Reply reply = post(call, "transferToParticipant", body);

    assertThat(reply.status()).isEqualTo(202);
    assertThat(reply.body()).isEqualTo("{\"operationContext\":\"xfer\"}");
    JsonNode accepted = app.awaitEvent(call.id(), "CallTransferAccepted");
    assertResult(accepted, 200, 0);
    assertThat(accepted.at("/data/operationContext").asText()).isEqualTo("xfer");
    assertThat(accepted.at("/data/transferTarget/rawId").asText()).isEqualTo("4:+18005550199");
    assertThat(accepted.at("/data/transferee/rawId").asText()).isEqualTo("4:" + CALLER_PHONE);
    JsonNode disconnected = app.awaitEvent(call.id(), "CallDisconnected");
    assertResult(disconnected, 200, 7015);
    assertThat(app.types(call.id())).containsExactly("CallConnected", "CallTransferAccepted",
        "ContinuousDtmfRecognitionStopped", "CallDisconnected");
    assertResult(app.awaitEvent(call.id(), "ContinuousDtmfRecognitionStopped"), 200, 7015);
    assertThat(acs.call(call.correlationId())).hasValueSatisfying(view -> {
      assertThat(view.state()).isEqualTo("disconnected");
      assertThat(view.disconnectedBy()).isEqualTo("transfer");
    });
    assertThat(client.get(call.path(null)).status()).isEqualTo(404);
  }

  @Test
  void aTransferToANumberEndingIn0000FailsAndTheCallGoesOn() throws Exception {
    Call call = connect();
    String body = "{\"targetParticipant\":{\"kind\":\"phoneNumber\",\"rawId\":\"4:+18005550000\",\"phoneNumber\":"
        + "{\"value\":\"+18005550000\"}},\"operationContext\":\"xfer-busy\"}";

    assertThat(post(call, "transferToParticipant", body).status()).isEqualTo(202);

    JsonNode failed = app.awaitEvent(call.id(), "CallTransferFailed");
    assertResult(failed, 480, 560480);
    assertThat(failed.at("/data/operationContext").asText()).isEqualTo("xfer-busy");
    assertThat(client.get(call.path(null)).status()).isEqualTo(200);
    // A new transfer may follow, to an ACS user this time.
    assertThat(post(call, "transferToParticipant", "{\"targetParticipant\":" + ACS_USER + ",\"operationContext\":\"x2\"}")
        .status()).isEqualTo(202);
    assertThat(post(call, "transferToParticipant", "{\"targetParticipant\":" + ACS_USER + ",\"operationContext\":\"x3\"}")
        .status()).as("a second transfer while one rings").isEqualTo(400);
    assertThat(app.awaitEvent(call.id(), "CallTransferAccepted").at("/data/transferTarget/communicationUser/id").asText())
        .isEqualTo("8:acs:res_agent-1");
  }

  @Test
  void aRepeatedTransferRunsOnceAndTheSdkShapeIsAccepted() throws Exception {
    Call call = connect();
    Map<String, String> ids = repeatability(UUID.randomUUID().toString());
    // What SDK 1.0.4 sends at 2023-03-06: rawId and the sub-object, no kind, no transferee.
    String body = "{\"targetParticipant\":{\"rawId\":\"4:+18005550199\",\"phoneNumber\":{\"value\":\"+18005550199\"}},"
        + "\"operationContext\":\"xfer\"}";

    SignedClient.Reply first = client.send("POST", call.path("transferToParticipant"), "2023-03-06", body, ids);
    SignedClient.Reply again = client.send("POST", call.path("transferToParticipant"), "2023-03-06", body, ids);

    assertThat(first.status()).isEqualTo(202);
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.header("Repeatability-Result")).isEqualTo("accepted");
    JsonNode accepted = app.awaitEvent(call.id(), "CallTransferAccepted");
    assertThat(accepted.at("/data/transferTarget").isMissingNode()).as("no identities before 2023-10-15").isTrue();
    app.awaitEvent(call.id(), "CallDisconnected");
    assertThat(acs.ledger().count(call.id(), "transferToParticipant")).isEqualTo(1);
    assertThat(eventsOf(call, "CallTransferAccepted")).hasSize(1);
  }

  // ---- media streaming ---------------------------------------------------------------------------

  static String streamingOptions(boolean startNow) {
    return "{\"transportUrl\":\"wss://ivr.example.com/ws/call-1\",\"transportType\":\"websocket\","
        + "\"contentType\":\"audio\",\"audioChannelType\":\"unmixed\",\"startMediaStreaming\":" + startNow + "}";
  }

  @Test
  void answeringWithStreamingThatStartsNowStreamsAfterConnecting() throws Exception {
    String correlationId = acs.placeCall(ScriptedCaller.of("test", CALLER_PHONE, "+18005550100"));
    SignedClient.Reply answer = client.post("/calling/callConnections:answer", V,
        answerBody(correlationId, streamingOptions(true)));
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().at("/mediaStreamingSubscription/subscribedContentTypes/0").asText()).isEqualTo("audio");
    Call call = new Call(correlationId, answer.json().get("callConnectionId").asText());

    JsonNode started = app.awaitEvent(call.id(), "MediaStreamingStarted");
    assertThat(app.types(call.id())).startsWith("CallConnected", "MediaStreamingStarted");
    assertResult(started, 200, 0);
    assertThat(started.at("/data/mediaStreamingUpdate/contentType").asText()).isEqualTo("Audio");
    assertThat(started.at("/data/mediaStreamingUpdate/mediaStreamingStatus").asText()).isEqualTo("mediaStreamingStarted");
    assertThat(started.at("/data/mediaStreamingUpdate/mediaStreamingStatusDetails").asText())
        .isEqualTo("subscriptionStarted");
    assertThat(acs.ledger().entries(call.id()).get(0).requestBody()).contains("wss://ivr.example.com/ws/call-1");

    assertThat(post(call, "stopMediaStreaming", "{\"operationContext\":\"stream-off\"}").status()).isEqualTo(202);
    JsonNode stopped = app.awaitEvent(call.id(), "MediaStreamingStopped");
    assertThat(stopped.at("/data/operationContext").asText()).isEqualTo("stream-off");
    assertThat(stopped.at("/data/mediaStreamingUpdate/mediaStreamingStatus").asText()).isEqualTo("mediaStreamingStopped");
    assertThat(stopped.at("/data/mediaStreamingUpdate/mediaStreamingStatusDetails").asText())
        .isEqualTo("subscriptionStopped");
  }

  @Test
  void streamingStartsAndStopsOnRequestWhenAnsweredWithOptions() throws Exception {
    Call call = connectWith(streamingOptions(false));
    HttpSink.sleep(100);
    assertThat(eventsOf(call, "MediaStreamingStarted")).isEmpty();

    assertThat(post(call, "startMediaStreaming", "{\"operationContext\":\"stream-on\"}").status()).isEqualTo(202);
    JsonNode started = app.awaitEvent(call.id(), "MediaStreamingStarted");
    assertThat(started.at("/data/operationContext").asText()).isEqualTo("stream-on");
    assertThat(post(call, "stopMediaStreaming", "").status()).as("an empty body is fine").isEqualTo(202);
    JsonNode stopped = app.awaitEvent(call.id(), "MediaStreamingStopped");
    assertThat(stopped.get("data").has("operationContext")).isFalse();
    assertThat(client.post(call.path("startMediaStreaming"), "2024-09-15", "{}").status()).isEqualTo(400);
  }

  @Test
  void streamingFailsWithStreamUrlMissingWhenAnsweredWithoutOptions() throws Exception {
    Call call = connect();

    assertThat(post(call, "startMediaStreaming", "{\"operationContext\":\"stream-on\"}").status()).isEqualTo(202);

    JsonNode failed = app.awaitEvent(call.id(), "MediaStreamingFailed");
    assertThat(failed.at("/data/operationContext").asText()).isEqualTo("stream-on");
    assertThat(failed.at("/data/mediaStreamingUpdate/mediaStreamingStatus").asText()).isEqualTo("mediaStreamingFailed");
    assertThat(failed.at("/data/mediaStreamingUpdate/mediaStreamingStatusDetails").asText()).isEqualTo("streamUrlMissing");
    assertThat(failed.at("/data/resultInformation/code").asInt()).isEqualTo(400);
  }

  @Test
  void invalidStreamingOptionsRefuseTheAnswerAndLeaveTheCallRinging() throws Exception {
    String correlationId = acs.placeCall(ScriptedCaller.of("test", CALLER_PHONE, "+18005550100"));

    SignedClient.Reply old = client.post("/calling/callConnections:answer", "2024-09-15",
        answerBody(correlationId, streamingOptions(true)));
    SignedClient.Reply http = client.post("/calling/callConnections:answer", V,
        answerBody(correlationId, streamingOptions(true).replace("wss://", "https://")));
    SignedClient.Reply noChannels = client.post("/calling/callConnections:answer", V,
        answerBody(correlationId, streamingOptions(true).replace("\"audioChannelType\":\"unmixed\",", "")));

    assertThat(old.status()).isEqualTo(400);
    assertThat(http.status()).isEqualTo(400);
    assertThat(noChannels.status()).isEqualTo(400);
    assertThat(acs.call(correlationId)).hasValueSatisfying(view -> assertThat(view.state()).isEqualTo("ringing"));
    assertThat(client.post("/calling/callConnections:answer", V, answerBody(correlationId, streamingOptions(false)))
        .status()).isEqualTo(200);
  }

  // ---- the concurrency table (acs-wire 6.1, zh-CN call-actions seed) ----------------------------

  @Test
  void playAndRecognizeQueueFifoOnTheMainLeg() throws Exception {
    Call call = connect(new CallerStep.Press("12"));

    post(call, "play", play(FILE, "first", false));
    post(call, "play", play(FILE, "second", false));
    post(call, "recognize", recognize("third"));

    app.awaitEvent(call.id(), "RecognizeCompleted");
    assertThat(app.types(call.id())).containsExactly("CallConnected", "PlayCompleted", "PlayCompleted", "RecognizeCompleted");
    assertThat(eventsOf(call, "PlayCompleted")).extracting(e -> e.at("/data/operationContext").asText())
        .containsExactly("first", "second");
  }

  @Test
  void subLegOperationsRunBesideTheMainLeg() throws Exception {
    Call call = connect();
    // A long play to everyone, then a recognize queued behind it: the main leg is busy.
    assertThat(post(call, "play", play(LONG_TEXT, "long", false)).status()).isEqualTo(202);
    assertThat(post(call, "recognize", recognize("queued")).status()).isEqualTo(202);

    assertThat(post(call, "sendDtmfTones", sendDtmf("[\"one\",\"two\"]", CALLER, "dtmf")).status()).isEqualTo(202);
    app.awaitEvent(call.id(), "SendDtmfTonesCompleted");
    assertThat(post(call, "play", play(FILE, "to-caller", true)).status()).isEqualTo(202);
    assertThat(app.awaitEvent(call.id(), "PlayCompleted").at("/data/operationContext").asText()).isEqualTo("to-caller");
    assertThat(post(call, "startContinuousDtmfRecognition", target(CALLER, "keys")).status()).isEqualTo(200);

    assertThat(app.types(call.id())).containsExactly("CallConnected", "SendDtmfTonesCompleted", "PlayCompleted");
    HttpSink.awaitTrue(() -> eventsOf(call, "PlayCompleted").size() == 2, "the long play");
    assertThat(eventsOf(call, "PlayCompleted").get(1).at("/data/operationContext").asText()).isEqualTo("long");
  }

  @Test
  void aRunningSendDtmfRejectsOtherSubLegOperationsButNotTheMainLeg() throws Exception {
    Call call = connect();
    // 18 tones take 2.7 s, 270 ms at time scale 0.1.
    assertThat(post(call, "sendDtmfTones", sendDtmf(tones(18), CALLER, "long-dtmf")).status()).isEqualTo(202);

    assertConflict(post(call, "sendDtmfTones", sendDtmf("[\"one\"]", CALLER, "second")));
    assertConflict(post(call, "play", play(FILE, "play-to", true)));
    assertConflict(post(call, "startContinuousDtmfRecognition", target(CALLER, "keys")));
    assertThat(post(call, "play", play(FILE, "to-all", false)).status()).isEqualTo(202);
    assertThat(post(call, "recognize", recognize("menu")).status()).isEqualTo(202);
    assertThat(post(call, "stopContinuousDtmfRecognition", target(CALLER, "keys-off")).status()).isEqualTo(200);

    app.awaitEvent(call.id(), "SendDtmfTonesCompleted");
    assertThat(post(call, "sendDtmfTones", sendDtmf("[\"one\"]", CALLER, "after")).status()).isEqualTo(202);
    assertThat(acs.ledger().entries(call.id()).stream().filter(e -> e.status() == 412).map(LedgerEntry::operation))
        .containsExactly("sendDtmfTones", "play", "startContinuousDtmfRecognition");
    assertThat(eventsOf(call, "SendDtmfTonesCompleted")).extracting(e -> e.at("/data/operationContext").asText())
        .doesNotContain("second");
  }

  @Test
  void aRunningPlayToRejectsOtherSubLegOperationsButNotTheMainLeg() throws Exception {
    Call call = connect();
    assertThat(post(call, "play", play(LONG_TEXT, "play-to", true)).status()).isEqualTo(202);

    assertConflict(post(call, "play", play(FILE, "another-play-to", true)));
    assertConflict(post(call, "sendDtmfTones", sendDtmf("[\"one\"]", CALLER, "dtmf")));
    assertConflict(post(call, "startContinuousDtmfRecognition", target(CALLER, "keys")));
    assertThat(post(call, "play", play(FILE, "to-all", false)).status()).isEqualTo(202);

    // The play to everyone runs beside it (1 file: 100 ms) and ends first.
    JsonNode first = app.awaitEvent(call.id(), "PlayCompleted");
    assertThat(first.at("/data/operationContext").asText()).isEqualTo("to-all");
    HttpSink.awaitTrue(() -> eventsOf(call, "PlayCompleted").size() == 2, "the play to the caller");
    assertThat(post(call, "sendDtmfTones", sendDtmf("[\"one\"]", CALLER, "dtmf-after")).status()).isEqualTo(202);
  }

  @Test
  void continuousRecognitionAndTheMainLegBlockNothing() throws Exception {
    Call call = connect();
    assertThat(post(call, "startContinuousDtmfRecognition", target(CALLER, "keys")).status()).isEqualTo(200);
    assertThat(post(call, "play", play(LONG_TEXT, "long", false)).status()).isEqualTo(202);

    assertThat(post(call, "startContinuousDtmfRecognition", target(CALLER, "keys-again")).status()).isEqualTo(200);
    assertThat(post(call, "recognize", recognize("menu")).status()).isEqualTo(202);
    assertThat(post(call, "play", play(FILE, "to-caller", true)).status()).isEqualTo(202);
    app.awaitEvent(call.id(), "PlayCompleted");
    assertThat(post(call, "sendDtmfTones", sendDtmf("[\"one\"]", CALLER, "dtmf")).status()).isEqualTo(202);
    app.awaitEvent(call.id(), "SendDtmfTonesCompleted");
    assertThat(acs.ledger().entries(call.id()).stream().map(LedgerEntry::status)).allMatch(s -> s < 300);
  }

  @Test
  void cancelAllMediaOperationsCancelsAPlayToButNotASendDtmf() throws Exception {
    Call call = connect();
    post(call, "play", play(LONG_TEXT, "play-to", true));
    post(call, "play", play(LONG_TEXT, "to-all", false));

    assertThat(client.post(call.path("cancelAllMediaOperations"), V, "").status()).isEqualTo(202);
    HttpSink.awaitTrue(() -> eventsOf(call, "PlayCanceled").size() == 2, "both plays canceled");
    assertThat(eventsOf(call, "PlayCanceled")).extracting(e -> e.at("/data/operationContext").asText())
        .containsExactlyInAnyOrder("play-to", "to-all");

    post(call, "sendDtmfTones", sendDtmf(tones(10), CALLER, "dtmf"));
    client.post(call.path("cancelAllMediaOperations"), V, "");
    assertResult(app.awaitEvent(call.id(), "SendDtmfTonesCompleted"), 200, 0);
  }
}

package org.openivr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Create call to scripted callees: each answer's exact events, repeatability, refusals, cancel while ringing. */
class CreateCallTest {

  private static final String FROM = "+18005550100";
  private static HttpSink app;
  private static AcsEmulator acs;
  private static SignedClient client;
  private static int numbers;

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

  /** A number no other test uses, so registrations never cross. */
  private static synchronized String newNumber() {
    return "+1425556" + String.format("%04d", ++numbers);
  }

  private static String createBody(String to, String operationContext, String extra) {
    return """
        {"targets":[{"rawId":"4:%s","phoneNumber":{"value":"%s"}}],
         "sourceCallerIdNumber":{"value":"%s"},"callbackUri":"%s","operationContext":"%s"%s}"""
        .formatted(to, to, FROM, app.uri("/api/callbacks/call-out-1"), operationContext, extra);
  }

  private static String create(String to, String operationContext) throws Exception {
    SignedClient.Reply reply = client.post("/calling/callConnections", createBody(to, operationContext, ""));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    assertThat(reply.json().get("callConnectionState").asText()).isEqualTo("connecting");
    return reply.json().get("callConnectionId").asText();
  }

  private static void assertResult(JsonNode event, int code, int subCode) {
    AcsEmulatorTest.assertResult(event, code, subCode);
  }

  @Test
  void anAnsweringCalleeConnectsThenFollowsItsScript() throws Exception {
    String to = newNumber();
    acs.expectCallee(ScriptedCaller.of("patient", to, "+10000000000", new CallerStep.HangUp()),
        CalleeAnswer.after(Duration.ofSeconds(2)));

    SignedClient.Reply reply = client.post("/calling/callConnections", createBody(to, "0/create", ""));

    assertThat(reply.status()).isEqualTo(201);
    JsonNode call = reply.json();
    String id = call.get("callConnectionId").asText();
    assertThat(call.at("/targets/0/rawId").asText()).isEqualTo("4:" + to);
    assertThat(call.at("/targets/0/kind").asText()).isEqualTo("phoneNumber");
    assertThat(call.at("/sourceCallerIdNumber/value").asText()).isEqualTo(FROM);
    assertThat(call.get("callbackUri").asText()).endsWith("/api/callbacks/call-out-1");
    assertThat(call.get("correlationId").asText()).matches(AcsEmulatorTest.GUID);
    assertThat(reply.header("X-Microsoft-Skype-Chain-ID")).isEqualTo(call.get("correlationId").asText());
    assertThat(app.types(id)).isEmpty(); // ringing for 2 s (0.2 s scaled)

    JsonNode connected = app.awaitEvent(id, "CallConnected");
    assertThat(connected.at("/data/operationContext").asText()).isEqualTo("0/create");
    assertResult(connected, 200, 0);
    app.awaitEvent(id, "CallDisconnected");
    assertThat(app.types(id)).containsExactly("CallConnected", "CallDisconnected");
    assertThat(acs.call(call.get("correlationId").asText()).orElseThrow().disconnectedBy()).isEqualTo("caller");
    assertThat(acs.ledger().count(id, "createCall")).isEqualTo(1);
  }

  @Test
  void aConnectedCalleePressesKeysIntoARecognize() throws Exception {
    String to = "+14255550123"; // the target of AcsEmulatorTest.recognize
    acs.expectCallee(ScriptedCaller.of("patient", to, "+10000000000", new CallerStep.Press("1")),
        CalleeAnswer.after(Duration.ZERO));
    String id = create(to, "0/create");
    app.awaitEvent(id, "CallConnected");

    SignedClient.Reply recognize = client.post("/calling/callConnections/" + id + ":recognize",
        AcsEmulatorTest.recognize("1/menu", 1, "[]", 5));

    assertThat(recognize.status()).isEqualTo(202);
    JsonNode completed = app.awaitEvent(id, "RecognizeCompleted");
    assertThat(AcsEmulatorTest.tones(completed)).containsExactly("one");
    assertThat(client.post("/calling/callConnections/" + id + ":terminate", "").status()).isEqualTo(204);
    app.awaitEvent(id, "CallDisconnected");
  }

  @Test
  void busyDeclinedAndUnansweredCallsFailWithTheirCodes() throws Exception {
    String busy = newNumber();
    String declines = newNumber();
    String ringsOut = newNumber();
    acs.expectCallee(ScriptedCaller.of("busy", busy, FROM), CalleeAnswer.busy());
    acs.expectCallee(ScriptedCaller.of("declines", declines, FROM), CalleeAnswer.reject());
    acs.expectCallee(ScriptedCaller.of("away", ringsOut, FROM), CalleeAnswer.noAnswer());

    String busyId = create(busy, "0/create");
    String declinedId = create(declines, "0/create");
    long placed = System.nanoTime();
    String unansweredId = create(ringsOut, "0/create");

    JsonNode busyFailed = app.awaitEvent(busyId, "CreateCallFailed");
    assertResult(busyFailed, 486, 560486);
    assertThat(busyFailed.at("/data/operationContext").asText()).isEqualTo("0/create");
    assertResult(app.awaitEvent(declinedId, "CreateCallFailed"), 603, 560603);
    assertResult(app.awaitEvent(unansweredId, "CreateCallFailed"), 480, 560480);
    assertThat(Duration.ofNanos(System.nanoTime() - placed)).isGreaterThanOrEqualTo(Duration.ofMillis(2_900));
    for (String id : List.of(busyId, declinedId, unansweredId)) {
      assertThat(app.types(id)).containsExactly("CreateCallFailed");
      // the call never connected: nothing else can be done with it
      assertThat(client.post("/calling/callConnections/" + id + ":play", "{}").status()).isEqualTo(404);
    }
    assertThat(acs.pendingCallees()).isZero();
  }

  @Test
  void aRepeatedCreateWithTheSameRequestIdDialsOnce() throws Exception {
    String to = newNumber();
    acs.expectCallee(ScriptedCaller.of("once", to, FROM), CalleeAnswer.after(Duration.ofSeconds(1)));
    Map<String, String> repeatability = Map.of("Repeatability-Request-ID", UUID.randomUUID().toString(),
        "Repeatability-First-Sent", "Mon, 02 Mar 2026 10:00:00 GMT");
    String body = createBody(to, "0/create", "");

    SignedClient.Reply first = client.send("POST", "/calling/callConnections", SignedClient.API_VERSION, body,
        repeatability);
    SignedClient.Reply again = client.send("POST", "/calling/callConnections", SignedClient.API_VERSION, body,
        repeatability);

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.header("Repeatability-Result")).isEqualTo("accepted");
    String id = first.json().get("callConnectionId").asText();
    app.awaitEvent(id, "CallConnected");
    assertThat(acs.ledger().entries().stream().filter(e -> e.operation().equals("createCall")
        && e.requestBody().contains(to))).hasSize(1);
    client.post("/calling/callConnections/" + id + ":terminate", "");
  }

  @Test
  void aNumberNobodyRegisteredAnswersAfterASecondAndStaysSilent() throws Exception {
    String id = create(newNumber(), "0/create");

    app.awaitEvent(id, "CallConnected");
    HttpSink.sleep(300);
    assertThat(app.types(id)).containsExactly("CallConnected");
    assertThat(client.delete("/calling/callConnections/" + id).status()).isEqualTo(204);
    app.awaitEvent(id, "CallDisconnected");
  }

  @Test
  void hangingUpWhileItRingsCancelsTheCall() throws Exception {
    String to = newNumber();
    acs.expectCallee(ScriptedCaller.of("slow", to, FROM), CalleeAnswer.after(Duration.ofSeconds(5)));
    String id = create(to, "0/create");

    assertThat(client.post("/calling/callConnections/" + id + ":terminate", "").status()).isEqualTo(204);

    JsonNode disconnected = app.awaitEvent(id, "CallDisconnected");
    assertResult(disconnected, 487, 10003);
    HttpSink.sleep(700); // past the callee's answer time: it never picks up
    assertThat(app.types(id)).containsExactly("CallDisconnected");
  }

  @Test
  void refusesWhatCannotBeDialledAndNothingRings() throws Exception {
    String to = newNumber();
    String callback = app.uri("/api/callbacks/x").toString();
    List<String> bad = List.of(
        "{\"sourceCallerIdNumber\":{\"value\":\"" + FROM + "\"},\"callbackUri\":\"" + callback + "\"}",
        "{\"targets\":[{\"rawId\":\"8:acs:someone\",\"communicationUser\":{\"id\":\"8:acs:someone\"}}],"
            + "\"sourceCallerIdNumber\":{\"value\":\"" + FROM + "\"},\"callbackUri\":\"" + callback + "\"}",
        "{\"targets\":[{\"rawId\":\"4:" + to + "\",\"phoneNumber\":{\"value\":\"" + to + "\"}}],\"callbackUri\":\""
            + callback + "\"}",
        "{\"targets\":[{\"rawId\":\"4:" + to + "\",\"phoneNumber\":{\"value\":\"" + to + "\"}}],"
            + "\"sourceCallerIdNumber\":{\"value\":\"" + FROM + "\"}}");
    for (String body : bad) {
      SignedClient.Reply reply = client.post("/calling/callConnections", body);
      assertThat(reply.status()).as(body).isEqualTo(400);
      assertThat(reply.json().at("/error/code").asText()).isEqualTo("8523");
    }
    SignedClient.Reply streamingTooOld = client.post("/calling/callConnections", createBody(to, "0/create",
        ",\"mediaStreamingOptions\":{\"transportUrl\":\"wss://app.example.com/ws\",\"transportType\":\"websocket\","
            + "\"contentType\":\"audio\",\"audioChannelType\":\"mixed\"}"));
    assertThat(streamingTooOld.status()).isEqualTo(400);
    assertThat(streamingTooOld.json().at("/error/message").asText()).contains("2025-05-15");
  }

  @Test
  void streamingOptionsOfANewerApiVersionStartWhenTheCalleeAnswers() throws Exception {
    String to = newNumber();
    acs.expectCallee(ScriptedCaller.of("streamed", to, FROM), CalleeAnswer.after(Duration.ofSeconds(1)));
    String body = createBody(to, "0/create", ",\"mediaStreamingOptions\":{\"transportUrl\":\"wss://app.example.com/ws\","
        + "\"transportType\":\"websocket\",\"contentType\":\"audio\",\"audioChannelType\":\"unmixed\","
        + "\"startMediaStreaming\":true}");

    SignedClient.Reply reply = client.post("/calling/callConnections", "2025-06-15", body);

    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    String id = reply.json().get("callConnectionId").asText();
    JsonNode started = app.awaitEvent(id, "MediaStreamingStarted");
    assertThat(started.at("/data/version").asText()).isEqualTo("2025-06-15");
    assertThat(app.types(id)).startsWith("CallConnected", "MediaStreamingStarted");
    client.post("/calling/callConnections/" + id + ":terminate", "2025-06-15", "");
  }
}

package org.openivr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The media WebSocket: headers, metadata first, 20 ms AudioData with the caller's sounds, transcripts, failures. */
class MediaStreamingAudioTest {
  static final String V = CallActionsTest.V;
  static HttpSink app;
  static AcsEmulator acs;
  static SignedClient client;

  @BeforeAll
  static void start() throws Exception {
    app = new HttpSink();
    acs = AcsEmulator.start(EmulatorOptions.defaults(app.uri("/api/events")).withTimeScale(0.5));
    client = new SignedClient(acs);
  }

  @AfterAll
  static void stop() {
    acs.close();
    app.close();
  }

  static String options(String url, String channels, String format) {
    return "{\"transportUrl\":\"" + url + "\",\"transportType\":\"websocket\",\"contentType\":\"audio\","
        + "\"audioChannelType\":\"" + channels + "\",\"startMediaStreaming\":true,\"audioFormat\":\"" + format + "\"}";
  }

  static String answer(ScriptedCaller caller, String streaming) throws Exception {
    String correlationId = acs.placeCall(caller);
    String context = app.awaitIncomingCall(correlationId).at("/data/incomingCallContext").asText();
    SignedClient.Reply answer = client.post("/calling/callConnections:answer", V, "{\"incomingCallContext\":\"" + context
        + "\",\"callbackUri\":\"" + app.uri("/api/callbacks/media") + "\",\"mediaStreamingOptions\":" + streaming + "}");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json().get("callConnectionId").asText();
  }

  static short[] pcm(JsonNode audioData) {
    byte[] bytes = Base64.getDecoder().decode(audioData.get("data").asText());
    short[] s = new short[bytes.length / 2];
    for (int i = 0; i < s.length; i++) {
      s[i] = (short) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8));
    }
    return s;
  }

  @Test
  void streamsTheCallersSpeechAndNoiseAsAcsDoes() throws Exception {
    try (TinyWebSocketServer ws = new TinyWebSocketServer(false)) {
      String id = answer(ScriptedCaller.of("talker", "+14255550123", "+18005550100", new CallerStep.Noise(-60.0),
          new CallerStep.Silence(Duration.ofMillis(300)), new CallerStep.Say("billing please"),
          new CallerStep.Silence(Duration.ofMillis(400)), new CallerStep.HangUp()), options(ws.url("/ws/media/call-1"),
          "unmixed", "pcm24KMono"));
      app.awaitEvent(id, "MediaStreamingStarted");
      // The app speaks first; then it is the caller's turn.
      SignedClient.Reply play = client.post("/calling/callConnections/" + id + ":play", V,
          "{\"playSources\":[{\"kind\":\"text\",\"text\":{\"text\":\"Hello\"}}],\"operationContext\":\"hello\"}");
      assertThat(play.status()).as(play.body()).isEqualTo(202);
      app.awaitEvent(id, "CallDisconnected");
      long deadline = System.currentTimeMillis() + 5000;
      while (!ws.closedByClient && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      assertThat(ws.closedByClient).as("the socket closes at hang-up").isTrue();
      assertThat(ws.path).isEqualTo("/ws/media/call-1");
      assertThat(ws.headers.get("x-ms-call-connection-id")).isEqualTo(id);
      assertThat(ws.headers.get("x-ms-call-correlation-id")).isNotBlank();
      assertThat(ws.headers.get("authorization")).startsWith("Bearer ").satisfies(a -> assertThat(a.split("\\.")).hasSize(3));
      List<JsonNode> packets = ws.messages.stream().map(m -> {
        try {
          return Json.MAPPER.readTree(m);
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      }).toList();
      assertThat(packets.get(0).get("kind").asText()).isEqualTo("AudioMetadata");
      assertThat(packets.get(0).at("/audioMetadata/sampleRate").asInt()).isEqualTo(24000);
      assertThat(packets.get(0).at("/audioMetadata/length").asInt()).isEqualTo(960);
      List<JsonNode> audio = packets.stream().filter(p -> p.get("kind").asText().equals("AudioData"))
          .map(p -> p.get("audioData")).toList();
      // About 2.5 s of simulated call: the 400 ms greeting, the caller's pause (1 s, at least 500 ms of wall clock:
      // 1 s simulated here), ~825 ms of speech, 400 ms silence.
      assertThat(audio.size()).isBetween(100, 200);
      assertThat(audio).allSatisfy(a -> {
        assertThat(pcm(a)).hasSize(480);
        assertThat(a.get("participantRawID").asText()).isEqualTo("4:+14255550123");
        assertThat(a.get("silent").asBoolean()).isFalse(); // background noise is never digital silence
      });
      double loudest = audio.stream().mapToDouble(a -> rms(pcm(a))).max().orElse(0);
      double quietest = audio.stream().mapToDouble(a -> rms(pcm(a))).min().orElse(0);
      assertThat(20 * Math.log10(loudest / 32767)).as("speech level").isBetween(-35.0, -10.0);
      assertThat(20 * Math.log10(quietest / 32767)).as("noise level").isBetween(-63.0, -57.0);
      JsonNode transcript = packets.stream().filter(p -> p.get("kind").asText().equals("TranscriptionData"))
          .findFirst().orElseThrow().get("transcriptionData");
      assertThat(transcript.get("text").asText()).isEqualTo("billing please");
      assertThat(transcript.get("resultStatus").asText()).isEqualTo("Final");
    }
  }

  @Test
  void noiseStaysOnTheLineUntilTurnedOff() throws Exception {
    try (TinyWebSocketServer ws = new TinyWebSocketServer(false)) {
      String id = answer(ScriptedCaller.of("noisy", "+14255550123", "+18005550100", new CallerStep.Noise(-40.0),
          new CallerStep.Silence(Duration.ofMillis(600)), new CallerStep.Noise(null),
          new CallerStep.Silence(Duration.ofMillis(600)), new CallerStep.HangUp()), options(ws.url("/ws/media/noisy"),
          "mixed", "pcm16KMono"));
      app.awaitEvent(id, "CallDisconnected");
      HttpSink.awaitTrue(() -> ws.closedByClient, "the socket closes at hang-up");
      List<JsonNode> audio = ws.messages.stream().map(m -> {
        try {
          return Json.MAPPER.readTree(m);
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      }).filter(p -> p.get("kind").asText().equals("AudioData")).map(p -> p.get("audioData")).toList();
      int firstSilent = 0;
      while (firstSilent < audio.size() && !audio.get(firstSilent).get("silent").asBoolean()) {
        firstSilent++;
      }
      List<JsonNode> noisy = audio.subList(0, firstSilent);
      List<JsonNode> after = audio.subList(firstSilent, audio.size());

      assertThat(noisy).as("frames while the noise is on").hasSizeGreaterThan(10)
          .allSatisfy(a -> assertThat(20 * Math.log10(rms(pcm(a)) / 32767)).isBetween(-43.0, -37.0));
      assertThat(after).as("frames once it is off").hasSizeGreaterThan(10)
          .allSatisfy(a -> assertThat(a.get("silent").asBoolean()).isTrue());
    }
  }

  @Test
  void aSocketThatCannotOpenGivesMediaStreamingFailed() throws Exception {
    try (TinyWebSocketServer ws = new TinyWebSocketServer(true)) {
      String id = answer(ScriptedCaller.of("x", "+14255550123", "+18005550100"),
          options(ws.url("/ws/media/nobody"), "mixed", "pcm16KMono"));
      JsonNode failed = app.awaitEvent(id, "MediaStreamingFailed");
      assertThat(failed.at("/data/mediaStreamingUpdate/mediaStreamingStatusDetails").asText())
          .isEqualTo("initialWebSocketConnectionFailed");
      assertThat(failed.at("/data/resultInformation/subCode").asInt()).isEqualTo(8603);
      assertThat(app.types(id)).doesNotContain("MediaStreamingStarted");
    }
  }

  static double rms(short[] s) {
    double p = 0;
    for (short v : s) {
      p += (double) v * v;
    }
    return Math.sqrt(p / s.length);
  }
}

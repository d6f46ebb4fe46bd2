package org.openivr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * When a scripted caller speaks: {@code Say} waits its turn (audio streaming, nothing playing, the app has
 * answered, a reaction pause), {@code Interrupt} speaks over a prompt. Checked on the call's own timeline of sounds,
 * in simulated time.
 */
class CallerTurnTest {
  static final String V = CallActionsTest.V;
  static final String CALLER = CallActionsTest.CALLER;
  /** About 2.2 s of speech (simulated). */
  static final String SHORT_TEXT = text("x".repeat(40));
  static final long REACTION = CallerScript.REACTION.toNanos();
  static HttpSink app;
  static AcsEmulator acs;
  static SignedClient client;
  static TinyWebSocketServer media;

  @BeforeAll
  static void start() throws Exception {
    app = new HttpSink();
    acs = AcsEmulator.start(EmulatorOptions.defaults(app.uri("/api/events")).withTimeScale(0.1));
    client = new SignedClient(acs);
    media = new TinyWebSocketServer(false);
  }

  @AfterAll
  static void stop() throws Exception {
    media.close();
    acs.close();
    app.close();
  }

  record Call(String correlationId, String id) {}

  static String text(String words) {
    return "{\"kind\":\"text\",\"text\":{\"text\":\"" + words + "\"}}";
  }

  /** Answers with streaming to the test's WebSocket, started at once or only when asked. */
  static Call connect(boolean streamAtOnce, CallerStep... steps) throws Exception {
    String correlationId = acs.placeCall(ScriptedCaller.of("turns", "+14255550123", "+18005550100", steps));
    String streaming = "{\"transportUrl\":\"" + media.url("/ws/media/turns") + "\",\"transportType\":\"websocket\","
        + "\"contentType\":\"audio\",\"audioChannelType\":\"mixed\",\"startMediaStreaming\":" + streamAtOnce + "}";
    SignedClient.Reply answer = client.post("/calling/callConnections:answer", V, answerBody(correlationId, streaming));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    Call call = new Call(correlationId, answer.json().get("callConnectionId").asText());
    app.awaitEvent(call.id(), "CallConnected");
    if (streamAtOnce) {
      app.awaitEvent(call.id(), "MediaStreamingStarted");
    }
    return call;
  }

  static String answerBody(String correlationId, String streaming) {
    String context = app.awaitIncomingCall(correlationId).at("/data/incomingCallContext").asText();
    return "{\"incomingCallContext\":\"" + context + "\",\"callbackUri\":\"" + app.uri("/api/callbacks/turns")
        + "\",\"mediaStreamingOptions\":" + streaming + "}";
  }

  static void play(Call call, String source, String context) throws Exception {
    SignedClient.Reply reply = client.post("/calling/callConnections/" + call.id() + ":play", V,
        "{\"playSources\":[" + source + "],\"operationContext\":\"" + context + "\"}");
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
  }

  static List<CallAudio.Segment> prompts(Call call) {
    return acs.sounds(call.correlationId()).stream().filter(s -> s.party() == CallAudio.Party.IVR).toList();
  }

  static List<CallAudio.Segment> speech(Call call) {
    return acs.sounds(call.correlationId()).stream()
        .filter(s -> s.party() == CallAudio.Party.CALLER && s.sound() == CallAudio.Sound.SPEECH).toList();
  }

  static CallAudio.Segment awaitSpeech(Call call, int number) {
    return HttpSink.await(() -> speech(call).size() >= number ? speech(call).get(number - 1) : null,
        "the caller's words #" + number);
  }

  static void awaitPlayed(Call call, String context) {
    HttpSink.awaitTrue(() -> app.events(call.id()).stream().anyMatch(e -> e.get("type").asText().endsWith("PlayCompleted")
        && context.equals(e.at("/data/operationContext").asText())), "PlayCompleted " + context);
  }

  @Test
  void theCallerSpeaksOnlyAfterThePromptEndsAndAReactionPause() throws Exception {
    Call call = connect(true, new CallerStep.Say("billing"));
    play(call, SHORT_TEXT, "menu");

    CallAudio.Segment words = awaitSpeech(call, 1);
    CallAudio.Segment prompt = prompts(call).get(0);
    assertThat(words.start()).isGreaterThanOrEqualTo(prompt.end() + REACTION);
  }

  @Test
  void theCallerWaitsUntilItsAudioStreamsToTheApp() throws Exception {
    Call call = connect(false, new CallerStep.Say("billing"));
    play(call, SHORT_TEXT, "greeting");
    awaitPlayed(call, "greeting");
    // Longer than any pause the caller takes: only the missing stream holds the words back.
    Thread.sleep(CallerScript.UNANSWERED_WALL.plusSeconds(1).toMillis());
    assertThat(speech(call)).isEmpty();

    long streamAskedAt = prompts(call).get(0).end();
    SignedClient.Reply start = client.post("/calling/callConnections/" + call.id() + ":startMediaStreaming", V,
        "{\"operationContext\":\"stream\"}");
    assertThat(start.status()).as(start.body()).isEqualTo(202);

    assertThat(awaitSpeech(call, 1).start()).isGreaterThan(streamAskedAt + REACTION);
  }

  @Test
  void aRecognizeThatListensIsQuietButItsPromptIsNot() throws Exception {
    Call call = connect(true, new CallerStep.Say("news"));
    SignedClient.Reply reply = client.post("/calling/callConnections/" + call.id() + ":recognize", V, """
        {"recognizeInputType":"dtmf","playPrompt":%s,"recognizeOptions":{"interruptPrompt":true,
           "initialSilenceTimeoutInSeconds":60,"targetParticipant":%s,"dtmfOptions":{"maxTonesToCollect":1}},
         "operationContext":"menu"}""".formatted(SHORT_TEXT, CALLER));
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);

    CallAudio.Segment words = awaitSpeech(call, 1);
    assertThat(words.start()).isGreaterThanOrEqualTo(prompts(call).get(0).end() + REACTION);
    assertThat(app.types(call.id())).as("the recognize still listens").doesNotContain("RecognizeFailed");
  }

  @Test
  void aPromptThatStartsDuringThePauseIsWaitedFor() throws Exception {
    Call call = connect(true, new CallerStep.Say("billing"));
    play(call, SHORT_TEXT, "first");
    awaitPlayed(call, "first");
    play(call, SHORT_TEXT, "second");

    CallAudio.Segment words = awaitSpeech(call, 1);
    List<CallAudio.Segment> prompts = prompts(call);
    assertThat(prompts).hasSize(2);
    assertThat(words.start()).isGreaterThanOrEqualTo(prompts.get(1).end() + REACTION);
  }

  @Test
  void aCallerWhoSpokeWaitsForTheAppsAnswer() throws Exception {
    Call call = connect(true, new CallerStep.Say("billing"), new CallerStep.Say("that's all"));
    play(call, SHORT_TEXT, "menu");
    awaitSpeech(call, 1);
    // The app takes its time to answer: longer than the caller's reaction pause, shorter than its patience.
    Thread.sleep(CallerScript.APP_TURNAROUND.plusMillis(500).toMillis());
    assertThat(speech(call)).hasSize(1);
    play(call, SHORT_TEXT, "answer");

    CallAudio.Segment second = awaitSpeech(call, 2);
    assertThat(second.start()).isGreaterThanOrEqualTo(prompts(call).get(1).end() + REACTION);
  }

  @Test
  void aPromptCutShortIsNotTheAppsAnswer() throws Exception {
    Call call = connect(true, new CallerStep.Say("billing"), new CallerStep.Say("that's all"));
    play(call, SHORT_TEXT, "menu");
    awaitSpeech(call, 1);
    play(call, text("x".repeat(400)), "asking-again");
    HttpSink.awaitTrue(() -> prompts(call).size() == 2, "the second prompt");
    // The app heard the caller after all: it cuts its prompt short, and takes its time to answer.
    SignedClient.Reply cancel = client.post("/calling/callConnections/" + call.id() + ":cancelAllMediaOperations", V,
        "{\"operationContext\":\"heard\"}");
    assertThat(cancel.status()).as(cancel.body()).isEqualTo(202);
    Thread.sleep(CallerScript.APP_TURNAROUND.plusMillis(500).toMillis());
    assertThat(speech(call)).hasSize(1);
    play(call, SHORT_TEXT, "answer");

    CallAudio.Segment second = awaitSpeech(call, 2);
    assertThat(second.start()).isGreaterThanOrEqualTo(prompts(call).get(2).end() + REACTION);
  }

  @Test
  void theAppSpeaksFirst() throws Exception {
    Call call = connect(true, new CallerStep.Say("hello?"));
    // However long the line stays quiet at the start, the caller waits to be greeted.
    Thread.sleep(CallerScript.UNANSWERED_WALL.plusSeconds(1).toMillis());
    assertThat(speech(call)).isEmpty();

    play(call, SHORT_TEXT, "greeting");

    assertThat(awaitSpeech(call, 1).start()).isGreaterThanOrEqualTo(prompts(call).get(0).end() + REACTION);
  }

  @Test
  void interruptSpeaksOverThePromptAboutASecondIn() throws Exception {
    Call call = connect(true, new CallerStep.Interrupt("skip that"));
    play(call, text("x".repeat(400)), "news");

    CallAudio.Segment words = awaitSpeech(call, 1);
    CallAudio.Segment prompt = prompts(call).get(0);
    assertThat(words.start()).isGreaterThanOrEqualTo(prompt.start() + REACTION).isLessThan(prompt.end());
  }
}

package org.openivr.activities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openivr.emulator.AcsEmulator;
import org.openivr.emulator.CallerStep;
import org.openivr.emulator.EmulatorOptions;
import org.openivr.emulator.LedgerEntry;
import org.openivr.emulator.ScriptedCaller;
import org.openivr.workflows.AnswerCall;
import org.openivr.workflows.AnsweredCall;
import org.openivr.workflows.CallActivities;
import org.openivr.workflows.HangUpCall;
import org.openivr.workflows.PlayPrompt;
import org.openivr.workflows.PlaySource;
import org.openivr.workflows.RecognizeKeys;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The activities against the ACS emulator, over real HTTPS with the emulator's certificate as the only
 * trusted one. A small JDK HttpServer plays the app: Event Grid webhook ({@code /api/events}, with the
 * validation handshake) and callback receiver ({@code /api/callbacks/{callId}}).
 */
class AcsCallActivitiesEmulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLER_PHONE = "+14255550123";
    private static final String CALLER = "4:" + CALLER_PHONE;
    private static final String IVR_PHONE = "+18005550100";

    private static HttpServer app;
    private static AcsEmulator acs;
    private static AcsSettings settings;
    private static AcsCallActivities activities;

    /** IncomingCall events by correlationId. */
    private static final Map<String, CompletableFuture<JsonNode>> incoming = new ConcurrentHashMap<>();
    /** Callback events by the callId in the callback URI. */
    private static final Map<String, BlockingQueue<JsonNode>> callbacks = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws IOException {
        app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        app.createContext("/api/events", AcsCallActivitiesEmulatorTest::eventGrid);
        app.createContext("/api/callbacks/", AcsCallActivitiesEmulatorTest::callback);
        app.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-app");
            t.setDaemon(true);
            return t;
        }));
        app.start();
        String base = "http://127.0.0.1:" + app.getAddress().getPort();
        acs = AcsEmulator.start(EmulatorOptions.defaults(URI.create(base + "/api/events")).withTimeScale(0.2));
        settings = new AcsSettings(acs.connectionString(), base, acs.certificatePem(), null, TestMediaTokens.TOKENS);
        activities = new AcsCallActivities(settings);
    }

    @AfterAll
    static void stop() {
        if (acs != null) {
            acs.close();
        }
        if (app != null) {
            app.stop(0);
        }
    }

    @Test
    void answerConnectsTheCallAndEventsArriveAtTheCallsCallbackUri() throws Exception {
        Ringing call = ring();

        AnsweredCall answered = activities.answer(new AnswerCall(call.callId, call.incomingCallContext, "0/answer"));

        assertThat(answered.callConnectionId()).isNotBlank();
        assertThat(answered.serverCallId()).isNotBlank();
        assertThat(answered.correlationId()).isEqualTo(call.correlationId);
        assertThat(acs.ledger().count(answered.callConnectionId(), "answer")).isEqualTo(1);
        JsonNode connected = awaitEvent(call.callId, "CallConnected");
        assertThat(connected.at("/data/callConnectionId").asText()).isEqualTo(answered.callConnectionId());
        assertThat(connected.at("/data/operationContext").asText()).isEqualTo("0/answer");
        activities.hangUp(new HangUpCall(answered.callConnectionId(), true));
    }

    @Test
    void answeringTwiceWithTheSameCallIdExecutesOnce() throws Exception {
        Ringing call = ring();

        AnsweredCall first = activities.answer(new AnswerCall(call.callId, call.incomingCallContext, "0/answer"));
        AnsweredCall again = activities.answer(new AnswerCall(call.callId, call.incomingCallContext, "0/answer"));

        assertThat(again).isEqualTo(first);
        List<LedgerEntry> answers = acs.ledger().entries().stream()
                .filter(e -> e.operation().equals("answer") && first.callConnectionId().equals(e.callConnectionId()))
                .toList();
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).repeatabilityRequestId())
                .isEqualTo(Repeatability.requestIdFor("answer", call.callId).toString());
        awaitEvent(call.callId, "CallConnected");
        activities.hangUp(new HangUpCall(first.callConnectionId(), true));
    }

    @Test
    void answeringOverRestWithCognitiveServicesIsIdempotentToo() throws Exception {
        AcsCallActivities withTts = new AcsCallActivities(new AcsSettings(settings.connectionString(),
                settings.callbackBaseUrl(), settings.trustedCertificatePem(), "https://speech.example.com/",
                settings.mediaTokens()));
        Ringing call = ring();

        AnsweredCall first = withTts.answer(new AnswerCall(call.callId, call.incomingCallContext, "0/answer"));
        AnsweredCall again = withTts.answer(new AnswerCall(call.callId, call.incomingCallContext, "0/answer"));

        assertThat(again).isEqualTo(first);
        assertThat(acs.ledger().count(first.callConnectionId(), "answer")).isEqualTo(1);
        assertThat(acs.ledger().entries(first.callConnectionId()).get(0).requestBody())
                .contains("\"cognitiveServicesEndpoint\":\"https://speech.example.com/\"");
        awaitEvent(call.callId, "CallConnected");
        withTts.hangUp(new HangUpCall(first.callConnectionId(), true));
    }

    @Test
    void playTextOverRestAndAudioOverSdkBothComplete() throws Exception {
        Connected call = answerAndConnect();

        activities.play(new PlayPrompt(call.callConnectionId, List.of(
                new PlaySource(PlaySource.Kind.TEXT, "Welcome to the test line.", "en-US-JennyNeural", "en-US")),
                "1/welcome"));
        JsonNode textDone = awaitEvent(call.callId, "PlayCompleted", "PlayFailed");
        assertThat(textDone.get("type").asText()).endsWith("PlayCompleted");
        assertThat(textDone.at("/data/operationContext").asText()).isEqualTo("1/welcome");

        activities.play(new PlayPrompt(call.callConnectionId, List.of(
                new PlaySource(PlaySource.Kind.AUDIO, "https://cdn.example.com/bye.wav", null, null)), "2/bye"));
        JsonNode audioDone = awaitEvent(call.callId, "PlayCompleted", "PlayFailed");
        assertThat(audioDone.get("type").asText()).endsWith("PlayCompleted");
        assertThat(audioDone.at("/data/operationContext").asText()).isEqualTo("2/bye");

        List<LedgerEntry> plays = acs.ledger().entries(call.callConnectionId).stream()
                .filter(e -> e.operation().equals("play")).toList();
        assertThat(plays).hasSize(2);
        assertThat(plays.get(0).requestBody()).contains("\"kind\":\"text\"");
        assertThat(plays.get(1).requestBody()).contains("\"kind\":\"file\"");
        activities.hangUp(new HangUpCall(call.callConnectionId, true));
    }

    @Test
    void recognizeWithATextPromptCollectsTheCallersKeys() throws Exception {
        Connected call = answerAndConnect(new CallerStep.Press("42#"));

        activities.recognizeKeys(new RecognizeKeys(call.callConnectionId, CALLER,
                List.of(new PlaySource(PlaySource.Kind.TEXT, "Enter your code, then hash.", null, "en-US")),
                6, List.of("#"), 10, 3, true, "3/code"));

        JsonNode done = awaitEvent(call.callId, "RecognizeCompleted", "RecognizeFailed");
        assertThat(done.get("type").asText()).endsWith("RecognizeCompleted");
        assertThat(done.at("/data/operationContext").asText()).isEqualTo("3/code");
        assertThat(done.at("/data/dtmfResult/tones").toString()).contains("four", "two");
        activities.hangUp(new HangUpCall(call.callConnectionId, true));
    }

    @Test
    void recognizeWithoutAPromptGoesOverTheSdk() throws Exception {
        Connected call = answerAndConnect(new CallerStep.Press("7"));

        activities.recognizeKeys(new RecognizeKeys(call.callConnectionId, CALLER, List.of(), 1, List.of(), 10, 2,
                true, "4/one-key"));

        JsonNode done = awaitEvent(call.callId, "RecognizeCompleted", "RecognizeFailed");
        assertThat(done.get("type").asText()).endsWith("RecognizeCompleted");
        assertThat(done.at("/data/dtmfResult/tones").toString()).isEqualTo("[\"seven\"]");
        activities.hangUp(new HangUpCall(call.callConnectionId, true));
    }

    @Test
    void hangingUpTwiceIsFine() throws Exception {
        Connected call = answerAndConnect();

        activities.hangUp(new HangUpCall(call.callConnectionId, true));
        activities.hangUp(new HangUpCall(call.callConnectionId, true));
        activities.hangUp(new HangUpCall(call.callConnectionId, false));

        awaitEvent(call.callId, "CallDisconnected");
        long executed = acs.ledger().entries(call.callConnectionId).stream()
                .filter(e -> (e.operation().equals("terminate") || e.operation().equals("hangUp")) && e.status() < 300)
                .count();
        assertThat(executed).isEqualTo(1);
    }

    @Test
    void aRequestOnAnUnknownCallSaysTheCallIsGoneForGood() {
        String unknown = "00000000-0000-0000-0000-000000000000";
        List<Runnable> requests = List.of(
                () -> activities.play(new PlayPrompt(unknown,
                        List.of(new PlaySource(PlaySource.Kind.AUDIO, "https://cdn.example.com/a.wav", null, null)), "1/x")),
                () -> activities.play(new PlayPrompt(unknown,
                        List.of(new PlaySource(PlaySource.Kind.TEXT, "hello", null, "en-US")), "1/x")),
                () -> activities.recognizeKeys(new RecognizeKeys(unknown, CALLER, List.of(), 1, List.of(), 5, 2, true, "1/x")),
                () -> activities.recognizeKeys(new RecognizeKeys(unknown, CALLER,
                        List.of(new PlaySource(PlaySource.Kind.SSML, "<speak>hi</speak>", null, null)), 1, List.of(), 5, 2,
                        true, "1/x")));
        for (Runnable request : requests) {
            assertThatThrownBy(request::run).isInstanceOfSatisfying(ApplicationFailure.class, f -> {
                assertThat(f.isNonRetryable()).isTrue();
                assertThat(f.getType()).isEqualTo(CallActivities.CALL_GONE).isEqualTo("AcsCallGone");
                assertThat(f.getOriginalMessage()).contains("call connection " + unknown).contains("HTTP 404")
                        .contains("8522");
            });
        }
        assertThatThrownBy(() -> activities.answer(new AnswerCall("call-unknown", "no-such-context", "0/answer")))
                .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
                    assertThat(f.getType()).isEqualTo(CallActivities.REJECTED);
                    assertThat(f.getOriginalMessage()).startsWith("ACS rejected answer on call call-unknown: HTTP 400");
                });
    }

    // --- the app side -----------------------------------------------------------------------------

    private record Ringing(String correlationId, String callId, String incomingCallContext) {}

    private record Connected(String callId, String callConnectionId) {}

    private static Ringing ring(CallerStep... steps) throws Exception {
        String correlationId = acs.placeCall(ScriptedCaller.of("test", CALLER_PHONE, IVR_PHONE, steps));
        JsonNode event = incoming.computeIfAbsent(correlationId, k -> new CompletableFuture<>()).get(10, TimeUnit.SECONDS);
        return new Ringing(correlationId, "call-" + correlationId, event.at("/data/incomingCallContext").asText());
    }

    private static Connected answerAndConnect(CallerStep... steps) throws Exception {
        Ringing call = ring(steps);
        AnsweredCall answered = activities.answer(new AnswerCall(call.callId, call.incomingCallContext, "0/answer"));
        awaitEvent(call.callId, "CallConnected");
        return new Connected(call.callId, answered.callConnectionId());
    }

    /** The next callback event of one of these types for the call; others before it are skipped. */
    private static JsonNode awaitEvent(String callId, String... names) throws InterruptedException {
        BlockingQueue<JsonNode> queue = callbacks.computeIfAbsent(callId, k -> new LinkedBlockingQueue<>());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            JsonNode event = queue.poll(100, TimeUnit.MILLISECONDS);
            if (event == null) {
                continue;
            }
            String type = event.path("type").asText();
            for (String name : names) {
                if (type.equals("Microsoft.Communication." + name)) {
                    return event;
                }
            }
        }
        return fail("no " + List.of(names) + " for " + callId + " within 15 s");
    }

    private static void eventGrid(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode events = JSON.readTree(exchange.getRequestBody());
            String reply = "";
            for (JsonNode event : events) {
                String type = event.path("eventType").asText();
                if (type.equals("Microsoft.EventGrid.SubscriptionValidationEvent")) {
                    reply = JSON.writeValueAsString(
                            Map.of("validationResponse", event.at("/data/validationCode").asText()));
                } else if (type.equals("Microsoft.Communication.IncomingCall")) {
                    incoming.computeIfAbsent(event.at("/data/correlationId").asText(), k -> new CompletableFuture<>())
                            .complete(event);
                }
            }
            byte[] body = reply.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        }
    }

    private static void callback(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String callId = path.substring("/api/callbacks/".length());
            JsonNode events = JSON.readTree(exchange.getRequestBody());
            BlockingQueue<JsonNode> queue = callbacks.computeIfAbsent(callId, k -> new LinkedBlockingQueue<>());
            events.forEach(queue::add);
            exchange.sendResponseHeaders(200, -1);
        }
    }
}

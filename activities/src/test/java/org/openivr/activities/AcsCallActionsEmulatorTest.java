package org.openivr.activities;

import com.azure.core.exception.HttpResponseException;
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
import org.openivr.emulator.Faults;
import org.openivr.emulator.LedgerEntry;
import org.openivr.emulator.ScriptedCaller;
import org.openivr.workflows.AnswerCall;
import org.openivr.workflows.AnsweredCall;
import org.openivr.workflows.CallActivities;
import org.openivr.workflows.ContinuousDtmf;
import org.openivr.workflows.HangUpCall;
import org.openivr.workflows.HoldCaller;
import org.openivr.workflows.MediaStreamingControl;
import org.openivr.workflows.PlaySource;
import org.openivr.workflows.SendDtmf;
import org.openivr.workflows.StreamingOptions;
import org.openivr.workflows.TransferCall;
import org.openivr.workflows.UnholdCaller;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Send DTMF, continuous DTMF, hold/unhold, transfer and media streaming through the activities against the ACS
 * emulator over real HTTPS. The emulator's ledger shows what ran and how often; a small JDK HttpServer plays the app
 * (Event Grid webhook and callback receiver).
 */
class AcsCallActionsEmulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLER_PHONE = "+14255550123";
    private static final String CALLER = "4:" + CALLER_PHONE;
    private static final PlaySource MUSIC = new PlaySource(PlaySource.Kind.AUDIO, "https://cdn.example.com/moh.wav", null, null);

    private static HttpServer app;
    private static AcsEmulator acs;
    private static AcsSettings settings;
    private static AcsCallActivities activities;

    private static final Map<String, CompletableFuture<JsonNode>> incoming = new ConcurrentHashMap<>();
    /** Every callback event, by the callId in the callback URI, in arrival order. */
    private static final Map<String, List<JsonNode>> callbacks = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws IOException {
        app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        app.createContext("/api/events", AcsCallActionsEmulatorTest::eventGrid);
        app.createContext("/api/callbacks/", AcsCallActionsEmulatorTest::callback);
        app.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-app");
            t.setDaemon(true);
            return t;
        }));
        app.start();
        String base = "http://127.0.0.1:" + app.getAddress().getPort();
        acs = AcsEmulator.start(EmulatorOptions.defaults(URI.create(base + "/api/events")).withTimeScale(0.1));
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

    // ---- send DTMF ----------------------------------------------------------------------------------------------

    @Test
    void sendDtmfSendsTheTonesOnceAndCompletes() throws Exception {
        Connected call = answerAndConnect();
        SendDtmf send = new SendDtmf(call.callId, call.callConnectionId, List.of("1", "2", "#"), CALLER, "5/extension");

        activities.sendDtmf(send);
        JsonNode completed = awaitEvent(call.callId, "SendDtmfTonesCompleted", "SendDtmfTonesFailed");
        activities.sendDtmf(send); // a retry of the same step

        assertThat(completed.get("type").asText()).endsWith("SendDtmfTonesCompleted");
        assertThat(completed.at("/data/operationContext").asText()).isEqualTo("5/extension");
        List<LedgerEntry> sends = entries(call, "sendDtmfTones");
        assertThat(sends).hasSize(1);
        assertThat(sends.get(0).status()).isEqualTo(202);
        assertThat(JSON.readTree(sends.get(0).requestBody()).get("tones").toString())
                .isEqualTo("[\"one\",\"two\",\"pound\"]");
        assertThat(sends.get(0).repeatabilityRequestId()).isEqualTo(UUID.nameUUIDFromBytes(
                ("sendDtmf:5/extension:" + call.callId).getBytes(StandardCharsets.UTF_8)).toString());
        Thread.sleep(200);
        assertThat(events(call.callId, "SendDtmfTonesCompleted")).hasSize(1);
        activities.hangUp(new HangUpCall(call.callConnectionId, true));
    }

    @Test
    void aSendDtmfRetriedAfterTheEmulatorExecutedItSendsTheTonesExactlyOnce() throws Exception {
        Connected call = answerAndConnect();
        SendDtmf send = new SendDtmf(call.callId, call.callConnectionId, List.of("4", "2"), CALLER, "7/extension");
        acs.setFaults(Faults.none().withFailAfterExecuting("sendDtmfTones"));
        try {
            // First attempt: the emulator sends the tones, then answers 500 as if the response was lost.
            assertThatThrownBy(() -> activities.sendDtmf(send))
                    .isInstanceOfSatisfying(HttpResponseException.class,
                            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(500))
                    .isNotInstanceOf(ApplicationFailure.class);
            assertThat(entries(call, "sendDtmfTones")).hasSize(1);

            // Temporal retries the activity: same derived request id, so the stored result comes back.
            activities.sendDtmf(send);
        } finally {
            acs.setFaults(Faults.none());
        }

        awaitEvent(call.callId, "SendDtmfTonesCompleted");
        Thread.sleep(300);
        List<LedgerEntry> sends = entries(call, "sendDtmfTones");
        assertThat(sends).hasSize(1);
        assertThat(sends.get(0).requestBody()).contains("\"four\",\"two\"");
        assertThat(events(call.callId, "SendDtmfTonesCompleted")).hasSize(1);
        activities.hangUp(new HangUpCall(call.callConnectionId, true));
    }

    @Test
    void sendDtmfThatCannotBeSentIsRejectedForGood() throws Exception {
        Connected call = answerAndConnect();
        List<String> nineteen = new ArrayList<>();
        for (int i = 0; i < 19; i++) {
            nineteen.add("1");
        }

        assertRejected(() -> activities.sendDtmf(new SendDtmf(call.callId, call.callConnectionId, nineteen, CALLER, "1/x")),
                "1 to 18 tones");
        assertRejected(() -> activities.sendDtmf(new SendDtmf(call.callId, call.callConnectionId, List.of("1"),
                "8:acs:res_agent-1", "1/x")), "PSTN");
        assertRejected(() -> activities.sendDtmf(new SendDtmf(call.callId, call.callConnectionId, List.of("x"), CALLER,
                "1/x")), "0-9");
        assertRejected(() -> activities.sendDtmf(new SendDtmf(call.callId, call.callConnectionId, List.of("1"), CALLER,
                null)), "operationContext");
        assertThat(entries(call, "sendDtmfTones")).isEmpty();
        // A call ACS does not have: final too, and said as the call being gone.
        assertThatThrownBy(() -> activities.sendDtmf(new SendDtmf(call.callId, UUID.randomUUID().toString(), List.of("1"),
                CALLER, "1/x"))).isInstanceOfSatisfying(ApplicationFailure.class, f -> {
                    assertThat(f.isNonRetryable()).isTrue();
                    assertThat(f.getType()).isEqualTo(CallActivities.CALL_GONE);
                    assertThat(f.getOriginalMessage()).contains("HTTP 404, 8522 Call not found.");
                });
        activities.hangUp(new HangUpCall(call.callConnectionId, true));
    }

    // ---- continuous DTMF ----------------------------------------------------------------------------------------

    @Test
    void continuousDtmfReportsTheCallersKeysUntilStopped() throws Exception {
        Connected call = answerAndConnect(new CallerStep.Press("0*"));

        activities.startContinuousDtmf(new ContinuousDtmf(call.callConnectionId, CALLER, "3/keys"));
        awaitCount(call.callId, "ContinuousDtmfRecognitionToneReceived", 2);
        activities.stopContinuousDtmf(new ContinuousDtmf(call.callConnectionId, CALLER, "4/keys-off"));

        List<JsonNode> tones = events(call.callId, "ContinuousDtmfRecognitionToneReceived");
        assertThat(tones).extracting(e -> e.at("/data/tone").asText() + "#" + e.at("/data/sequenceId").asLong()
                + "@" + e.at("/data/operationContext").asText()).containsExactly("zero#1@3/keys", "asterisk#2@3/keys");
        JsonNode stopped = awaitEvent(call.callId, "ContinuousDtmfRecognitionStopped");
        assertThat(stopped.at("/data/operationContext").asText()).isEqualTo("4/keys-off");
        assertThat(entries(call, "startContinuousDtmfRecognition")).hasSize(1);
        assertThat(entries(call, "stopContinuousDtmfRecognition")).hasSize(1);
        activities.hangUp(new HangUpCall(call.callConnectionId, true));
    }

    // ---- hold ---------------------------------------------------------------------------------------------------

    @Test
    void holdWithMusicThenUnhold() throws Exception {
        Connected call = answerAndConnect();

        activities.hold(new HoldCaller(call.callConnectionId, CALLER, List.of(MUSIC), "6/hold"));
        JsonNode held = awaitEvent(call.callId, "ParticipantsUpdated");
        activities.unhold(new UnholdCaller(call.callConnectionId, CALLER, "7/unhold"));
        awaitCount(call.callId, "ParticipantsUpdated", 2);

        assertThat(held.at("/data/participants/0/isOnHold").asBoolean()).isTrue();
        assertThat(events(call.callId, "ParticipantsUpdated").get(1).at("/data/participants/0/isOnHold").asBoolean())
                .isFalse();
        List<LedgerEntry> holds = entries(call, "hold");
        assertThat(holds).hasSize(1);
        JsonNode body = JSON.readTree(holds.get(0).requestBody());
        assertThat(body.at("/playSourceInfo/file/uri").asText()).isEqualTo("https://cdn.example.com/moh.wav");
        assertThat(body.at("/targetParticipant/rawId").asText()).isEqualTo(CALLER);
        assertThat(body.at("/operationContext").asText()).isEqualTo("6/hold");
        assertThat(entries(call, "unhold")).hasSize(1);
        activities.hangUp(new HangUpCall(call.callConnectionId, true));
    }

    @Test
    void holdOfSomeoneNotInTheCallFailsByEventAndTwoMusicSourcesAreRefused() throws Exception {
        Connected call = answerAndConnect();

        activities.hold(new HoldCaller(call.callConnectionId, "4:+14255559999", List.of(), "8/hold"));
        JsonNode failed = awaitEvent(call.callId, "HoldFailed");

        assertThat(failed.at("/data/operationContext").asText()).isEqualTo("8/hold");
        assertRejected(() -> activities.hold(new HoldCaller(call.callConnectionId, CALLER, List.of(MUSIC, MUSIC), "9/hold")),
                "one source");
        assertRejected(() -> activities.unhold(new UnholdCaller(call.callConnectionId, "4:+14255559999", "9/unhold")),
                "HTTP 404");
        activities.hangUp(new HangUpCall(call.callConnectionId, true));
    }

    // ---- transfer -----------------------------------------------------------------------------------------------

    @Test
    void transferWithATransfereeGoesOverRestOnceAndEndsTheCall() throws Exception {
        Connected call = answerAndConnect();
        TransferCall transfer = new TransferCall(call.callId, call.callConnectionId, "4:+18005550199", CALLER, "9/agent");

        activities.transfer(transfer);
        JsonNode accepted = awaitEvent(call.callId, "CallTransferAccepted", "CallTransferFailed");
        JsonNode disconnected = awaitEvent(call.callId, "CallDisconnected");
        activities.transfer(transfer); // a retry after the call is gone: the stored answer, nothing runs

        assertThat(accepted.get("type").asText()).endsWith("CallTransferAccepted");
        assertThat(accepted.at("/data/transferTarget/rawId").asText()).isEqualTo("4:+18005550199");
        assertThat(accepted.at("/data/transferee/rawId").asText()).isEqualTo(CALLER);
        assertThat(disconnected.at("/data/resultInformation/subCode").asInt()).isEqualTo(7015);
        List<LedgerEntry> transfers = entries(call, "transferToParticipant");
        assertThat(transfers).hasSize(1);
        assertThat(transfers.get(0).requestBody()).contains("\"transferee\"");
        assertThat(transfers.get(0).repeatabilityRequestId()).isEqualTo(UUID.nameUUIDFromBytes(
                ("transfer:9/agent:" + call.callId).getBytes(StandardCharsets.UTF_8)).toString());
        assertThat(acs.call(call.correlationId)).hasValueSatisfying(v -> assertThat(v.disconnectedBy()).isEqualTo("transfer"));
    }

    @Test
    void transferWithoutATransfereeGoesOverTheSdkAndAFailingTargetReportsFailure() throws Exception {
        Connected call = answerAndConnect();

        activities.transfer(new TransferCall(call.callId, call.callConnectionId, "4:+18005550000", null, "10/busy"));
        JsonNode failed = awaitEvent(call.callId, "CallTransferAccepted", "CallTransferFailed");
        activities.transfer(new TransferCall(call.callId, call.callConnectionId, "8:acs:res_agent-7", null, "11/agent"));
        JsonNode accepted = awaitEvent(call.callId, "CallTransferAccepted", "CallTransferFailed");

        assertThat(failed.get("type").asText()).endsWith("CallTransferFailed");
        assertThat(failed.at("/data/operationContext").asText()).isEqualTo("10/busy");
        assertThat(accepted.get("type").asText()).endsWith("CallTransferAccepted");
        assertThat(accepted.at("/data/operationContext").asText()).isEqualTo("11/agent");
        List<LedgerEntry> transfers = entries(call, "transferToParticipant");
        assertThat(transfers).hasSize(2);
        // SDK 1.0.4 shape: rawId plus the sub-object, no kind, no transferee.
        assertThat(JSON.readTree(transfers.get(0).requestBody()).at("/targetParticipant/rawId").asText())
                .isEqualTo("4:+18005550000");
        assertThat(transfers.get(0).requestBody()).doesNotContain("transferee");
        assertThat(transfers).extracting(LedgerEntry::repeatabilityRequestId).containsExactly(
                UUID.nameUUIDFromBytes(("transfer:10/busy:" + call.callId).getBytes(StandardCharsets.UTF_8)).toString(),
                UUID.nameUUIDFromBytes(("transfer:11/agent:" + call.callId).getBytes(StandardCharsets.UTF_8)).toString());
        awaitEvent(call.callId, "CallDisconnected");
    }

    @Test
    void aTransferWhoseResponseWasLostIsNotRepeated() throws Exception {
        Connected call = answerAndConnect();
        TransferCall transfer = new TransferCall(call.callId, call.callConnectionId, "4:+18005550199", CALLER, "12/agent");
        acs.setFaults(Faults.none().withFailAfterExecuting("transferToParticipant"));
        try {
            assertThatThrownBy(() -> activities.transfer(transfer)).isInstanceOf(HttpResponseException.class);
            activities.transfer(transfer);
        } finally {
            acs.setFaults(Faults.none());
        }

        awaitEvent(call.callId, "CallDisconnected");
        assertThat(entries(call, "transferToParticipant")).hasSize(1);
        assertThat(events(call.callId, "CallTransferAccepted")).hasSize(1);
    }

    // ---- media streaming ----------------------------------------------------------------------------------------

    @Test
    void answeringWithStreamingStartsItAndItStopsAndStartsOnRequest() throws Exception {
        Ringing ringing = ring();
        StreamingOptions streaming = new StreamingOptions("wss://ivr.example.com/ws/" + ringing.callId + "?t=abc",
                "unmixed", true);

        AnsweredCall answered = activities.answer(new AnswerCall(ringing.callId, ringing.incomingCallContext, "0/answer",
                streaming));
        awaitEvent(ringing.callId, "CallConnected");
        JsonNode started = awaitEvent(ringing.callId, "MediaStreamingStarted", "MediaStreamingFailed");
        activities.stopMediaStreaming(new MediaStreamingControl(answered.callConnectionId(), "1/stream-off"));
        JsonNode stopped = awaitEvent(ringing.callId, "MediaStreamingStopped", "MediaStreamingFailed");
        activities.startMediaStreaming(new MediaStreamingControl(answered.callConnectionId(), "2/stream-on"));
        JsonNode again = awaitEvent(ringing.callId, "MediaStreamingStarted", "MediaStreamingFailed");

        assertThat(started.get("type").asText()).endsWith("MediaStreamingStarted");
        assertThat(started.at("/data/mediaStreamingUpdate/contentType").asText()).isEqualTo("Audio");
        assertThat(stopped.get("type").asText()).endsWith("MediaStreamingStopped");
        assertThat(stopped.at("/data/operationContext").asText()).isEqualTo("1/stream-off");
        assertThat(again.get("type").asText()).endsWith("MediaStreamingStarted");
        assertThat(again.at("/data/operationContext").asText()).isEqualTo("2/stream-on");
        JsonNode answer = JSON.readTree(acs.ledger().entries(answered.callConnectionId()).get(0).requestBody());
        assertThat(answer.get("mediaStreamingOptions").toString()).isEqualTo("{\"transportUrl\":\"wss://ivr.example.com/ws/"
                + ringing.callId + "?t=abc\",\"transportType\":\"websocket\",\"contentType\":\"audio\","
                + "\"audioChannelType\":\"unmixed\",\"startMediaStreaming\":true}");
        assertThat(acs.ledger().count(answered.callConnectionId(), "startMediaStreaming")).isEqualTo(1);
        assertThat(acs.ledger().count(answered.callConnectionId(), "stopMediaStreaming")).isEqualTo(1);
        activities.hangUp(new HangUpCall(answered.callConnectionId(), true));
    }

    @Test
    void streamingACallAnsweredWithoutOptionsFails() throws Exception {
        Connected call = answerAndConnect();

        activities.startMediaStreaming(new MediaStreamingControl(call.callConnectionId, "3/stream"));
        JsonNode failed = awaitEvent(call.callId, "MediaStreamingStarted", "MediaStreamingFailed");

        assertThat(failed.get("type").asText()).endsWith("MediaStreamingFailed");
        assertThat(failed.at("/data/mediaStreamingUpdate/mediaStreamingStatusDetails").asText()).isEqualTo("streamUrlMissing");
        assertRejected(() -> activities.answer(new AnswerCall("call-x", "ctx", "0/answer",
                new StreamingOptions("wss://ivr.example.com/ws", "stereo", false))), "mixed or unmixed");
        activities.hangUp(new HangUpCall(call.callConnectionId, true));
    }

    // --- the app side -----------------------------------------------------------------------------------------------

    private record Ringing(String correlationId, String callId, String incomingCallContext) {}

    private record Connected(String correlationId, String callId, String callConnectionId) {}

    private static void assertRejected(Runnable request, String messagePart) {
        assertThatThrownBy(request::run).isInstanceOfSatisfying(ApplicationFailure.class, f -> {
            assertThat(f.isNonRetryable()).isTrue();
            assertThat(f.getType()).isEqualTo(CallActivities.REJECTED);
            assertThat(f.getOriginalMessage()).contains(messagePart);
        });
    }

    private static List<LedgerEntry> entries(Connected call, String operation) {
        return acs.ledger().entries(call.callConnectionId).stream().filter(e -> e.operation().equals(operation)).toList();
    }

    private static Ringing ring(CallerStep... steps) throws Exception {
        String correlationId = acs.placeCall(ScriptedCaller.of("test", CALLER_PHONE, "+18005550100", steps));
        JsonNode event = incoming.computeIfAbsent(correlationId, k -> new CompletableFuture<>()).get(10, TimeUnit.SECONDS);
        return new Ringing(correlationId, "call-" + correlationId, event.at("/data/incomingCallContext").asText());
    }

    private static Connected answerAndConnect(CallerStep... steps) throws Exception {
        Ringing call = ring(steps);
        AnsweredCall answered = activities.answer(new AnswerCall(call.callId, call.incomingCallContext, "0/answer"));
        awaitEvent(call.callId, "CallConnected");
        return new Connected(call.correlationId, call.callId, answered.callConnectionId());
    }

    private static List<JsonNode> events(String callId, String name) {
        return callbacks.computeIfAbsent(callId, k -> new CopyOnWriteArrayList<>()).stream()
                .filter(e -> e.path("type").asText().equals("Microsoft.Communication." + name)).toList();
    }

    private static void awaitCount(String callId, String name, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (events(callId, name).size() >= count) {
                return;
            }
            Thread.sleep(20);
        }
        fail(count + " " + name + " for " + callId + " within 15 s; got " + events(callId, name).size());
    }

    /** The first event of one of these types that an earlier call did not return yet. */
    private static final Map<String, Integer> consumed = new ConcurrentHashMap<>();

    private static JsonNode awaitEvent(String callId, String... names) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            List<JsonNode> all = callbacks.computeIfAbsent(callId, k -> new CopyOnWriteArrayList<>());
            for (int i = consumed.getOrDefault(callId + "|" + String.join(",", names), 0); i < all.size(); i++) {
                String type = all.get(i).path("type").asText();
                for (String name : names) {
                    if (type.equals("Microsoft.Communication." + name)) {
                        consumed.put(callId + "|" + String.join(",", names), i + 1);
                        return all.get(i);
                    }
                }
            }
            Thread.sleep(20);
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
                    reply = JSON.writeValueAsString(Map.of("validationResponse", event.at("/data/validationCode").asText()));
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
            String callId = exchange.getRequestURI().getPath().substring("/api/callbacks/".length());
            JsonNode events = JSON.readTree(exchange.getRequestBody());
            List<JsonNode> list = callbacks.computeIfAbsent(callId, k -> new CopyOnWriteArrayList<>());
            events.forEach(list::add);
            exchange.sendResponseHeaders(200, -1);
        }
    }
}

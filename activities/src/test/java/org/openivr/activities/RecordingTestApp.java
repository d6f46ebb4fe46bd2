package org.openivr.activities;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.openivr.emulator.AcsEmulator;
import org.openivr.emulator.CallerStep;
import org.openivr.emulator.EmulatorOptions;
import org.openivr.emulator.ScriptedCaller;
import org.openivr.workflows.AnswerCall;
import org.openivr.workflows.AnsweredCall;
import org.openivr.workflows.recording.RecordingChunk;
import org.openivr.workflows.recording.RecordingFileStatus;

/**
 * The app side for recording tests: an Event Grid webhook ({@code /api/events}, with the validation handshake)
 * and a callback receiver ({@code /api/callbacks/{callId}}) on loopback, an ACS emulator posting to them, and
 * the call activities to answer calls.
 */
final class RecordingTestApp implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String CALLER_PHONE = "+14255550123";
    static final String CALLER = "4:" + CALLER_PHONE;
    static final String IVR_PHONE = "+18005550100";
    static final String IVR = "4:" + IVR_PHONE;

    record Received(String path, JsonNode event) {}

    record Call(String callId, String callConnectionId, String serverCallId, String correlationId) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "recording-test-app");
        t.setDaemon(true);
        return t;
    });
    private final List<Received> received = new CopyOnWriteArrayList<>();
    final AcsEmulator acs;
    final AcsSettings settings;
    final AcsClients clients;
    final AcsCallActivities activities;

    RecordingTestApp(double timeScale) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        acs = AcsEmulator.start(EmulatorOptions.defaults(URI.create(base + "/api/events")).withTimeScale(timeScale));
        settings = new AcsSettings(acs.connectionString(), base, acs.certificatePem(), null, TestMediaTokens.TOKENS);
        clients = new AcsClients(settings);
        activities = new AcsCallActivities(settings, clients);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode events = JSON.readTree(exchange.getRequestBody());
            String reply = "";
            for (JsonNode event : events) {
                if (event.path("eventType").asText().equals("Microsoft.EventGrid.SubscriptionValidationEvent")) {
                    reply = JSON.writeValueAsString(Map.of("validationResponse", event.at("/data/validationCode").asText()));
                } else {
                    received.add(new Received(exchange.getRequestURI().getPath(), event));
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

    /** Places a call, answers it with the activities, waits for CallConnected. */
    Call connect(CallerStep... steps) {
        String correlationId = acs.placeCall(ScriptedCaller.of("rec", CALLER_PHONE, IVR_PHONE, steps));
        JsonNode incoming = await(() -> find("/api/events", e -> e.path("eventType").asText().endsWith("IncomingCall")
                && e.at("/data/correlationId").asText().equals(correlationId)), "IncomingCall " + correlationId);
        String callId = "call-" + correlationId;
        AnsweredCall answered = activities.answer(new AnswerCall(callId, incoming.at("/data/incomingCallContext").asText(),
                "0/answer"));
        awaitCallback(callId, "CallConnected", e -> true);
        return new Call(callId, answered.callConnectionId(), answered.serverCallId(), correlationId);
    }

    JsonNode awaitCallback(String callId, String type, Predicate<JsonNode> filter) {
        return await(() -> find("/api/callbacks/" + callId, e -> e.path("type").asText().equals(
                "Microsoft.Communication." + type) && filter.test(e)), type + " for " + callId);
    }

    List<JsonNode> callbacks(String callId, String type) {
        return received.stream().filter(r -> r.path().equals("/api/callbacks/" + callId))
                .map(Received::event).filter(e -> e.path("type").asText().equals("Microsoft.Communication." + type))
                .toList();
    }

    /** The RecordingFileStatusUpdated of a recording, as the API would signal it. */
    RecordingFileStatus awaitFiles(String recordingId) {
        JsonNode event = await(() -> find("/api/events", e -> e.path("eventType").asText()
                .equals("Microsoft.Communication.RecordingFileStatusUpdated")
                && e.at("/data/recordingId").asText().equals(recordingId)), "RecordingFileStatusUpdated " + recordingId);
        JsonNode data = event.get("data");
        List<RecordingChunk> chunks = new java.util.ArrayList<>();
        for (JsonNode c : data.at("/recordingStorageInfo/recordingChunks")) {
            chunks.add(new RecordingChunk(c.get("documentId").asText(), c.get("index").asInt(), c.get("endReason").asText(),
                    c.get("contentLocation").asText(), c.get("metadataLocation").asText(), c.get("deleteLocation").asText()));
        }
        return new RecordingFileStatus(event.get("id").asText(), data.get("recordingId").asText(), null,
                null, data.get("recordingStartTime").asText(), data.get("recordingDurationMs").asLong(),
                data.get("recordingContentType").asText(), data.get("recordingChannelType").asText(),
                data.get("recordingFormatType").asText(), data.get("sessionEndReason").asText(), chunks);
    }

    private JsonNode find(String path, Predicate<JsonNode> filter) {
        return received.stream().filter(r -> r.path().equals(path)).map(Received::event).filter(filter).findFirst()
                .orElse(null);
    }

    static <T> T await(Supplier<T> probe, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            sleep(10);
        }
        return fail("timed out waiting for " + what);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        acs.close();
        server.stop(0);
        threads.shutdownNow();
    }
}

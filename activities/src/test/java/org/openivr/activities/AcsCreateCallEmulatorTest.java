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
import org.openivr.emulator.CalleeAnswer;
import org.openivr.emulator.EmulatorOptions;
import org.openivr.emulator.Faults;
import org.openivr.emulator.LedgerEntry;
import org.openivr.emulator.ScriptedCaller;
import org.openivr.workflows.AnsweredCall;
import org.openivr.workflows.CallActivities;
import org.openivr.workflows.CreateCall;
import org.openivr.workflows.HangUpCall;
import org.openivr.workflows.Outbound;
import org.openivr.workflows.StreamingOptions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/** {@code createCall} against the ACS emulator: SDK and REST paths, never dialling twice, refusals. */
class AcsCreateCallEmulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IVR_PHONE = "+18005550100";
    private static final AtomicInteger NUMBERS = new AtomicInteger();

    private static HttpServer app;
    private static AcsEmulator acs;
    private static AcsSettings settings;
    private static AcsCallActivities activities;
    /** Callback events by the callId in the callback URI. */
    private static final Map<String, BlockingQueue<JsonNode>> callbacks = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws IOException {
        app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        app.createContext("/api/callbacks/", AcsCreateCallEmulatorTest::callback);
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

    private static String newNumber() {
        return String.format("+1425557%04d", NUMBERS.incrementAndGet());
    }

    private static String newCallId() {
        return "call-out-" + UUID.randomUUID();
    }

    private static List<LedgerEntry> creates(String callId) {
        return acs.ledger().entries().stream()
                .filter(e -> e.operation().equals("createCall") && e.requestBody().contains("/api/callbacks/" + callId))
                .toList();
    }

    @Test
    void dialsOverTheSdkAndTheCalleesEventsReachTheCallsCallbackUri() throws Exception {
        String to = newNumber();
        acs.expectCallee(ScriptedCaller.of("patient", to, IVR_PHONE), CalleeAnswer.after(Duration.ofSeconds(1)));
        String callId = newCallId();

        AnsweredCall created = activities.createCall(new CreateCall(callId, new Outbound("4:" + to, IVR_PHONE),
                "0/create", null));

        assertThat(created.callConnectionId()).isNotBlank();
        assertThat(created.serverCallId()).isNotBlank();
        assertThat(created.correlationId()).isNotBlank();
        List<LedgerEntry> creates = creates(callId);
        assertThat(creates).singleElement().satisfies(e -> {
            assertThat(e.callConnectionId()).isEqualTo(created.callConnectionId());
            assertThat(e.status()).isEqualTo(201);
            assertThat(e.repeatabilityRequestId())
                    .isEqualTo(Repeatability.requestIdFor("createCall:0/create", callId).toString());
            assertThat(e.requestBody()).contains("\"rawId\":\"4:" + to + "\"")
                    .contains("\"sourceCallerIdNumber\":{\"value\":\"" + IVR_PHONE + "\"}")
                    .contains("\"operationContext\":\"0/create\"")
                    .doesNotContain("mediaStreamingOptions");
        });
        JsonNode connected = awaitEvent(callId, "CallConnected");
        assertThat(connected.at("/data/callConnectionId").asText()).isEqualTo(created.callConnectionId());
        assertThat(connected.at("/data/operationContext").asText()).isEqualTo("0/create");
        activities.hangUp(new HangUpCall(created.callConnectionId(), true));
        awaitEvent(callId, "CallDisconnected");
    }

    @Test
    void aRetriedCreateNeverDialsTwiceEvenWhenTheFirstResponseWasLost() throws Exception {
        String to = newNumber();
        acs.expectCallee(ScriptedCaller.of("patient", to, IVR_PHONE), CalleeAnswer.after(Duration.ofSeconds(1)));
        String callId = newCallId();
        CreateCall request = new CreateCall(callId, new Outbound("4:" + to, IVR_PHONE), "0/create", null);

        AnsweredCall retried;
        acs.setFaults(Faults.none().withFailAfterExecuting("createCall"));
        try {
            // The call is placed but its 201 is lost (500): the SDK's retry resends the same request id and gets it.
            retried = activities.createCall(request);
        } finally {
            acs.setFaults(Faults.none());
        }
        AnsweredCall again = activities.createCall(request); // as Temporal would retry the activity

        assertThat(again).isEqualTo(retried);
        assertThat(creates(callId)).singleElement()
                .satisfies(e -> assertThat(e.callConnectionId()).isEqualTo(retried.callConnectionId()));
        awaitEvent(callId, "CallConnected");
        assertThat(acs.pendingCallees()).isZero();
        activities.hangUp(new HangUpCall(retried.callConnectionId(), true));
    }

    @Test
    void aFlowThatListensDialsOverRestWithStreamingOptionsNamingTheCall() throws Exception {
        String to = newNumber();
        acs.expectCallee(ScriptedCaller.of("patient", to, IVR_PHONE), CalleeAnswer.after(Duration.ZERO));
        String callId = newCallId();
        CreateCall request = new CreateCall(callId, new Outbound("4:" + to, IVR_PHONE), "0/create",
                new StreamingOptions(null, "unmixed", true));

        AnsweredCall created = activities.createCall(request);
        AnsweredCall again = activities.createCall(request);

        assertThat(again).isEqualTo(created);
        assertThat(creates(callId)).singleElement().satisfies(e -> assertThat(e.requestBody())
                .contains("\"audioChannelType\":\"unmixed\"")
                .contains("\"transportUrl\":\"" + settings.mediaStreamingUri(callId) + "\"")
                .contains("\"startMediaStreaming\":true"));
        awaitEvent(callId, "CallConnected");
        // The options took effect with the answer: the emulator now streams, or (nobody listens on this test's
        // loopback URL) says it could not.
        awaitEvent(callId, "MediaStreamingStarted", "MediaStreamingFailed");
        activities.hangUp(new HangUpCall(created.callConnectionId(), true));
    }

    @Test
    void aBusyCalleeIsACreatedCallThatFailsByEvent() throws Exception {
        String to = newNumber();
        acs.expectCallee(ScriptedCaller.of("busy", to, IVR_PHONE), CalleeAnswer.busy());
        String callId = newCallId();

        AnsweredCall created = activities.createCall(new CreateCall(callId, new Outbound("4:" + to, IVR_PHONE),
                "0/create", null));

        JsonNode failed = awaitEvent(callId, "CreateCallFailed", "CallConnected");
        assertThat(failed.path("type").asText()).endsWith("CreateCallFailed");
        assertThat(failed.at("/data/callConnectionId").asText()).isEqualTo(created.callConnectionId());
        assertThat(failed.at("/data/resultInformation/code").asInt()).isEqualTo(486);
    }

    @Test
    void whatCannotBeDialledIsRejectedForGood() {
        List<CreateCall> requests = List.of(
                new CreateCall(newCallId(), new Outbound("4:" + newNumber(), null), "0/create", null),
                new CreateCall(newCallId(), new Outbound("4:12345", IVR_PHONE), "0/create", null),
                new CreateCall(newCallId(), null, "0/create", null));
        for (CreateCall request : requests) {
            assertThatThrownBy(() -> activities.createCall(request)).isInstanceOfSatisfying(ApplicationFailure.class,
                    f -> {
                        assertThat(f.isNonRetryable()).isTrue();
                        assertThat(f.getType()).isEqualTo(CallActivities.REJECTED);
                        assertThat(f.getOriginalMessage()).startsWith("invalid createCall request on call ");
                    });
        }
        String callId = newCallId();
        // ACS users can be called, but not through the emulator: its 400 is final
        assertThatThrownBy(() -> activities.createCall(new CreateCall(callId,
                new Outbound("8:acs:00000000-0000-0000-0000-000000000001_00000000-0000-0000-0000-000000000002", null),
                "0/create", null))).isInstanceOfSatisfying(ApplicationFailure.class, f -> {
                    assertThat(f.getType()).isEqualTo(CallActivities.REJECTED);
                    assertThat(f.getOriginalMessage()).startsWith("ACS rejected createCall on call " + callId
                            + ": HTTP 400, 8523");
                });
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

    private static void callback(HttpExchange exchange) throws IOException {
        try (exchange) {
            String callId = exchange.getRequestURI().getPath().substring("/api/callbacks/".length());
            JsonNode events = JSON.readTree(exchange.getRequestBody());
            callbacks.computeIfAbsent(callId, k -> new LinkedBlockingQueue<>()).addAll(toList(events));
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new java.util.ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}

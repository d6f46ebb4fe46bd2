package org.openivr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openivr.emulator.Faults;
import org.openivr.emulator.LedgerEntry;
import org.openivr.workflows.CallResult;
import org.openivr.workflows.CallWorkflow;
import org.openivr.workflows.TimelineEntry;
import org.openivr.flows.ScriptedCalls;
import org.openivr.workflows.interpreter.CallWorkflowImpl;
import org.openivr.workflows.payload.EncryptingPayloadCodec;
import org.openivr.workflows.payload.PayloadTreeDecoder;

/**
 * Every shipped flow's scripted calls, run the way {@code ./ivr demo} runs them: the real ACS SDK
 * against the emulator over HTTPS, the embedded Temporal server, the API and the worker. Each call
 * must meet its {@code expect}, and the emulator's ledger must show what ran, how often, with what.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndTest {
    private static final Path FLOWS = Path.of("..", "flows");
    private Platform platform;
    private DemoSuites suites;
    private Map<String, CallRun> firstRun;

    @BeforeAll
    void start() throws Exception {
        suites = DemoSuites.load(FLOWS, List.of());
        assertThat(suites.problems()).isEmpty();
        platform = Platform.start(new PlatformOptions(FLOWS, 0, null, null, suites.routes(), 0.2, null));
        firstRun = byName(run(suites.suites()));
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private List<CallRun> run(List<ScriptedCalls> which) throws InterruptedException {
        DemoRunner runner = new DemoRunner(platform.workflowClient(), platform.emulator(),
                new TimelinePrinter(new PrintStream(System.out, true)), Duration.ofMinutes(2));
        return runner.run(which, suites.numbers());
    }

    private List<ScriptedCalls> only(String flow) {
        return suites.suites().stream().filter(s -> s.flow().equals(flow)).toList();
    }

    @Test
    void everyScriptedCallMeetsItsExpectationAndIsAnsweredOnce() {
        assertThat(firstRun).hasSizeGreaterThanOrEqualTo(10);
        for (CallRun run : firstRun.values()) {
            assertThat(run.problems()).as(run.label()).isEmpty();
            assertThat(count(run, "answer")).as(run.label()).isEqualTo(1);
            assertThat(count(run, "hangUp") + count(run, "terminate")).as(run.label()).isLessThanOrEqualTo(1);
        }
        CallRun happy = firstRun.get("business customer pays a bill");
        assertThat(happy.result().variables()).containsEntry("account", "91234567").containsEntry("queue", "business-billing");
    }

    @Test
    void cardNumbersAreTypedWhileTheRecordingIsPaused() {
        CallRun run = firstRun.get("caller pays by card");
        List<String> operations = ledger(run).stream().map(LedgerEntry::operation)
                .filter(op -> List.of("startRecording", "pauseRecording", "resumeRecording", "stopRecording", "recognize")
                        .contains(op)).toList();
        assertThat(operations).containsExactly("startRecording", "pauseRecording", "recognize", "resumeRecording",
                "pauseRecording", "recognize", "resumeRecording", "stopRecording");
        LedgerEntry start = entries(run, "startRecording").get(0);
        assertThat(start.requestBody()).contains("\"recordingChannelType\":\"unmixed\"")
                .contains("\"recordingFormatType\":\"wav\"").contains("4:+14255550150");
        assertThat(run.result().variables().get("card")).isEqualTo("****");
    }

    /**
     * The card number and expiry typed in the card-payment flow's sensitive nodes, as Temporal stores the call: read
     * raw from the server (no data converter, no codec), they are in no byte of the history (payloads, memo, search
     * attributes, failures); decrypted with the platform's key, the same history holds them and replays.
     */
    @Test
    void keysTypedInSensitiveNodesAreNowhereInTheRawHistoryYetItDecryptsAndReplays() throws Exception {
        CallRun run = firstRun.get("caller pays by card");
        History raw = rawHistory(run.callId());
        History decrypted = platform.payloadDecoder().decode(raw);
        List<String> typed = List.of(tones("4111111111111111"), tones("1228"), "4111111111111111", "\"1228\"");

        // what the test looks for is really there in the decrypted history: the keys as ACS reported them
        String clear = decrypted.toByteString().toString(StandardCharsets.ISO_8859_1);
        assertThat(clear).contains(tones("4111111111111111")).contains(tones("1228"));
        String stored = raw.toByteString().toString(StandardCharsets.ISO_8859_1);
        for (String needle : typed) {
            assertThat(stored).as("raw history of %s holds %s", run.callId(), needle).doesNotContain(needle);
        }
        // search attributes and memo are never given to a codec: they must not carry the keys in the first place
        for (HistoryEvent event : raw.getEventsList()) {
            for (Payload indexed : searchAttributesAndMemo(event)) {
                assertThat(indexed.getData().toStringUtf8()).doesNotContain("4111").doesNotContain("1228");
            }
        }
        // every other payload (inputs, results, signals, markers, continue-as-new) is encrypted
        List<Payload> payloads = new ArrayList<>();
        new PayloadTreeDecoder(new PayloadCodec() {
            @Override
            public List<Payload> encode(List<Payload> list) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<Payload> decode(List<Payload> list) {
                payloads.addAll(list);
                return list;
            }
        }).decode(withoutVersionMarkers(withoutSearchAttributes(raw)));
        assertThat(payloads).hasSizeGreaterThan(20).allMatch(EncryptingPayloadCodec::isEncrypted);

        WorkflowReplayer.replayWorkflowExecution(new WorkflowExecutionHistory(decrypted, run.callId()), CallWorkflowImpl.class);
        // and a worker that converts as the platform's does replays the encrypted history itself (a restarted worker)
        TestWorkflowEnvironment replay = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
                        .setDataConverter(platform.workflowClient().getOptions().getDataConverter()).build()).build());
        try {
            Worker worker = replay.newWorker("replay-encrypted");
            worker.registerWorkflowImplementationTypes(CallWorkflowImpl.class);
            WorkflowReplayer.replayWorkflowExecution(new WorkflowExecutionHistory(raw, run.callId()), worker);
        } finally {
            replay.close();
        }
    }

    /** {@code ["4","1",...]}: how a CallEvent's tones serialize. */
    private static String tones(String keys) {
        return keys.chars().mapToObj(c -> "\"" + (char) c + "\"").collect(Collectors.joining(","));
    }

    private History rawHistory(String callId) {
        WorkflowServiceStubs service = platform.workflowClient().getWorkflowServiceStubs();
        History.Builder history = History.newBuilder();
        ByteString page = ByteString.EMPTY;
        do {
            GetWorkflowExecutionHistoryResponse response = service.blockingStub().getWorkflowExecutionHistory(
                    GetWorkflowExecutionHistoryRequest.newBuilder()
                            .setNamespace(platform.workflowClient().getOptions().getNamespace())
                            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(callId))
                            .setNextPageToken(page).build());
            history.addAllEvents(response.getHistory().getEventsList());
            page = response.getNextPageToken();
        } while (!page.isEmpty());
        return history.build();
    }

    private static List<Payload> searchAttributesAndMemo(HistoryEvent event) {
        List<Payload> found = new ArrayList<>();
        if (event.hasWorkflowExecutionStartedEventAttributes()) {
            var started = event.getWorkflowExecutionStartedEventAttributes();
            found.addAll(started.getSearchAttributes().getIndexedFieldsMap().values());
            found.addAll(started.getMemo().getFieldsMap().values());
        }
        if (event.hasUpsertWorkflowSearchAttributesEventAttributes()) {
            found.addAll(event.getUpsertWorkflowSearchAttributesEventAttributes().getSearchAttributes()
                    .getIndexedFieldsMap().values());
        }
        if (event.hasWorkflowPropertiesModifiedEventAttributes()) {
            found.addAll(event.getWorkflowPropertiesModifiedEventAttributes().getUpsertedMemo().getFieldsMap().values());
        }
        return found;
    }

    /** Search attributes are indexed by Temporal, so they are in clear by design; memo is encrypted like the rest. */
    /**
     * Version markers ({@code Workflow.getVersion}: a change id and a number) are written by the SDK with its standard
     * converter, so never encrypted; they hold no caller data.
     */
    private static History withoutVersionMarkers(History history) {
        History.Builder copy = history.toBuilder();
        for (HistoryEvent.Builder event : copy.getEventsBuilderList()) {
            if (event.hasMarkerRecordedEventAttributes()
                    && event.getMarkerRecordedEventAttributes().getMarkerName().equals("Version")) {
                event.getMarkerRecordedEventAttributesBuilder().clearDetails();
            }
        }
        return copy.build();
    }

    private static History withoutSearchAttributes(History history) {
        History.Builder copy = history.toBuilder();
        for (HistoryEvent.Builder event : copy.getEventsBuilderList()) {
            if (event.hasWorkflowExecutionStartedEventAttributes()) {
                event.getWorkflowExecutionStartedEventAttributesBuilder().clearSearchAttributes();
            }
            if (event.hasUpsertWorkflowSearchAttributesEventAttributes()) {
                event.getUpsertWorkflowSearchAttributesEventAttributesBuilder().clearSearchAttributes();
            }
        }
        return copy.build();
    }

    @Test
    void holdMusicThenTransferAndAnytimeZeroReachesTheOperator() {
        CallRun waits = firstRun.get("caller waits on hold and reaches an agent");
        assertThat(count(waits, "hold")).isEqualTo(1);
        assertThat(entries(waits, "hold").get(0).requestBody()).contains("hold.wav");
        assertThat(count(waits, "unhold")).isEqualTo(1);
        assertThat(entries(waits, "transferToParticipant")).singleElement()
                .satisfies(e -> assertThat(e.requestBody()).contains("+14255550142"));
        assertThat(count(waits, "startContinuousDtmfRecognition")).isEqualTo(1);

        CallRun operator = firstRun.get("caller presses 0 for the operator");
        assertThat(count(operator, "cancelAllMediaOperations")).isEqualTo(1);
        assertThat(entries(operator, "transferToParticipant")).singleElement()
                .satisfies(e -> assertThat(e.requestBody()).contains("+14255550100"));
    }

    @Test
    void extensionKeysAreSentOnceEvenWhenTheFirstAttemptLooksFailed() throws Exception {
        assertThat(entries(firstRun.get("the PBX gets extension 4021"), "sendDtmfTones")).singleElement()
                .satisfies(e -> assertThat(e.requestBody()).contains("\"four\",\"zero\",\"two\",\"one\",\"pound\""));

        // The emulator sends the keys, then answers 500: the activity retries with the same request id.
        platform.emulator().setFaults(Faults.none().withFailAfterExecuting("sendDtmfTones"));
        try {
            CallRun retried = run(only("pbx-bridge")).get(0);
            assertThat(retried.problems()).isEmpty();
            assertThat(count(retried, "sendDtmfTones")).isEqualTo(1);
        } finally {
            platform.emulator().setFaults(Faults.none());
        }
    }

    @Test
    void audioStreamingStartsAndStops() {
        CallRun run = firstRun.get("caller describes a problem while the audio streams");
        assertThat(count(run, "startMediaStreaming")).isEqualTo(1);
        assertThat(count(run, "stopMediaStreaming")).isEqualTo(1);
        assertThat(entries(run, "answer").get(0).requestBody()).contains("\"audioChannelType\":\"unmixed\"")
                .contains("/ws/media/" + run.callId() + "?token=");
    }

    @Test
    void aCallerIsHeardThroughTheStreamingWorker() {
        // The flow listens, so audio streams from the answer. The spoken option stops the menu's recognize and the
        // caller's speech stops the news: one cancel each; the agent was asked for by voice.
        CallRun spoken = firstRun.get("caller says news, talks over it, and asks for an agent");
        assertThat(entries(spoken, "answer").get(0).requestBody()).contains("\"startMediaStreaming\":true");
        assertThat(count(spoken, "cancelAllMediaOperations")).isEqualTo(2);
        assertThat(count(spoken, "transferToParticipant")).isEqualTo(1);
        CallRun pressed = firstRun.get("caller presses 2, hears all the news, then stays silent");
        assertThat(count(pressed, "cancelAllMediaOperations")).isZero();
        assertThat(count(pressed, "transferToParticipant")).isZero();
    }

    @Test
    void callbacksAndIncomingCallsPostedTwiceEndEveryCallExactlyAsOnce() throws Exception {
        List<ScriptedCalls> some = List.of(only("support-line").get(0), only("agent-queue").get(0));
        platform.emulator().setFaults(new Faults(true, Duration.ZERO));
        try {
            Map<String, CallRun> twice = byName(run(some));
            assertThat(twice).hasSizeGreaterThanOrEqualTo(8);
            for (Map.Entry<String, CallRun> doubled : twice.entrySet()) {
                CallRun once = firstRun.get(doubled.getKey());
                assertThat(doubled.getValue().problems()).as(doubled.getKey()).isEmpty();
                assertThat(doubled.getValue().result()).as(doubled.getKey()).isEqualTo(once.result());
                // IncomingCall is redelivered too: the second delivery must not start or answer a second call.
                assertThat(count(doubled.getValue(), "answer")).as(doubled.getKey()).isEqualTo(1);
            }
        } finally {
            platform.emulator().setFaults(Faults.none());
        }
    }

    /**
     * ACS promises no order between a request's answer and the CallDisconnected of a caller who just hung up: with
     * every CallDisconnected 2 s late, the menu's next recognize after the hang-up gets "Call not found" first. The call
     * must end as the caller hanging up, not take the menu's failure exit, and every other call must end as usual.
     */
    @Test
    void aCallerWhoseCallDisconnectedComesLateStillEndsAsHangingUp() throws Exception {
        platform.emulator().setFaults(Faults.none().withLateEvent("CallDisconnected", Duration.ofSeconds(2)));
        try {
            Map<String, CallRun> late = byName(run(only("support-line")));
            for (Map.Entry<String, CallRun> run : late.entrySet()) {
                assertThat(run.getValue().problems()).as(run.getKey()).isEmpty();
                assertThat(run.getValue().result()).as(run.getKey()).isEqualTo(firstRun.get(run.getKey()).result());
            }
            CallRun hungUp = late.get("caller hangs up in the main menu");
            assertThat(hungUp.result().ending()).isEqualTo(CallResult.HUNGUP_BY_CALLER);
            assertThat(hungUp.result().path()).containsExactly("welcome", "main-menu");
            List<TimelineEntry> timeline = platform.workflowClient()
                    .newWorkflowStub(CallWorkflow.class, hungUp.callId()).state().timeline();
            assertThat(timeline).extracting(TimelineEntry::text)
                    .anyMatch(text -> text.startsWith("ACS says the call is gone (ACS rejected recognize on call connection")
                            && text.endsWith("HTTP 404, 8522 Call not found.)"))
                    .contains("CallDisconnected");
            assertThat(entries(hungUp, "recognize")).extracting(LedgerEntry::status).containsExactly(202, 404);
        } finally {
            platform.emulator().setFaults(Faults.none());
        }
    }

    @Test
    void malformedOrUnknownCallbacksAreRefusedAndTouchNoCall() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + platform.apiPort();

        // Unsigned or wrongly signed callbacks are refused before anything is read.
        HttpResponse<String> unsigned = post(http, base + "/api/callbacks/call-nobody", "[]");
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.body()).contains("\"title\":\"Unauthorized\"");
        String otherResource = platform.emulator().callbackToken(platform.emulator().callbackIssuer(),
                "some-other-acs-resource", java.time.Instant.now(), java.time.Duration.ofMinutes(5));
        assertThat(post(http, base + "/api/callbacks/call-nobody", "[]", otherResource).statusCode()).isEqualTo(401);
        String token = platform.emulator().callbackToken();

        HttpResponse<String> garbage = post(http, base + "/api/callbacks/call-nobody", "{not json", token);
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("not valid JSON");

        HttpResponse<String> unknown = post(http, base + "/api/callbacks/call-nobody", """
                [{"id":"e1","type":"Microsoft.Communication.PlayCompleted","data":{"operationContext":"1/x"}}]""", token);
        assertThat(unknown.statusCode()).isEqualTo(404);

        HttpResponse<String> notACallId = post(http, base + "/api/callbacks/..%2Fadmin", "[]", token);
        assertThat(notACallId.statusCode()).isIn(400, 401, 404);

        HttpResponse<String> badEvent = post(http, base + "/api/events", "[{\"id\":\"x\"}]");
        assertThat(badEvent.statusCode()).isEqualTo(400);
        assertThat(badEvent.body()).contains("'type'");

        HttpResponse<String> handshake = post(http, base + "/api/events", """
                [{"id":"v","eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","data":{"validationCode":"abc-123"}}]""");
        assertThat(handshake.statusCode()).isEqualTo(200);
        assertThat(handshake.body()).contains("\"validationResponse\":\"abc-123\"");
    }

    private List<LedgerEntry> ledger(CallRun run) {
        String connection = platform.emulator().call(run.callId().substring("call-".length()))
                .orElseThrow().callConnectionId();
        return platform.emulator().ledger().entries(connection);
    }

    private List<LedgerEntry> entries(CallRun run, String operation) {
        return ledger(run).stream().filter(e -> e.operation().equals(operation)).toList();
    }

    private long count(CallRun run, String operation) {
        return entries(run, operation).size();
    }

    private static HttpResponse<String> post(HttpClient http, String url, String body) throws Exception {
        return post(http, url, body, null);
    }

    private static HttpResponse<String> post(HttpClient http, String url, String body, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, CallRun> byName(List<CallRun> runs) {
        return runs.stream().collect(Collectors.toMap(r -> r.call().name(), Function.identity()));
    }
}

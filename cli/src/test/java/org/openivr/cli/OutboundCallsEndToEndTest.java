package org.openivr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openivr.emulator.CalleeAnswer;
import org.openivr.emulator.CallerStep;
import org.openivr.emulator.LedgerEntry;
import org.openivr.emulator.ScriptedCaller;
import org.openivr.workflows.CallResult;

/**
 * Outbound calls end to end, as {@code ./ivr demo} and {@code ivr call} place them: {@code POST /api/calls} on the
 * platform's API, the call workflow, the real ACS SDK creating the call on the emulator, a scripted callee answering
 * (or not), and the flow running. The emulator's ledger shows each call was dialled exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboundCallsEndToEndTest {
    private static final Path FLOWS = Path.of("..", "flows");
    private static final String FLOW = "appointment-reminder";
    private Platform platform;
    private Map<String, CallRun> demo;

    @BeforeAll
    void start() throws Exception {
        DemoSuites suites = DemoSuites.load(FLOWS, List.of(FLOW));
        assertThat(suites.problems()).isEmpty();
        platform = Platform.start(new PlatformOptions(FLOWS, 0, null, null, Map.of(), 0.2, null));
        DemoRunner runner = new DemoRunner(platform.workflowClient(), platform.emulator(),
                new TimelinePrinter(new PrintStream(System.out, true)), Duration.ofMinutes(1), platform.apiClient());
        demo = runner.run(suites.suites(), suites.numbers()).stream()
                .collect(Collectors.toMap(r -> r.call().name(), Function.identity()));
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void everyScriptedCalleeMeetsItsExpectationAndIsDialledOnce() {
        assertThat(demo).containsKeys("patient answers and confirms", "the line is busy", "nobody answers");
        for (CallRun run : demo.values()) {
            assertThat(run.problems()).as(run.label()).isEmpty();
            assertThat(run.callId()).as(run.label()).startsWith("call-out-");
            List<LedgerEntry> creates = creates(run.callId());
            assertThat(creates).as(run.label()).hasSize(1);
            List<LedgerEntry> ledger = platform.emulator().ledger().entries(creates.get(0).callConnectionId());
            assertThat(ledger).as(run.label()).noneMatch(e -> e.operation().equals("answer"));
        }
        assertThat(platform.emulator().pendingCallees()).isZero();
    }

    @Test
    void anAnsweredCallRunsTheFlowAndTheFlowHangsUp() {
        CallRun confirmed = demo.get("patient answers and confirms");
        assertThat(confirmed.result().ending()).isEqualTo(CallResult.HUNGUP_BY_FLOW);
        assertThat(confirmed.result().variables()).containsEntry("status", "confirmed");
        LedgerEntry create = creates(confirmed.callId()).get(0);
        assertThat(create.requestBody()).contains("\"rawId\":\"4:+14255550170\"")
                .contains("\"sourceCallerIdNumber\":{\"value\":\"+1800555")
                .contains("\"operationContext\":\"0/create\"");
        List<String> operations = platform.emulator().ledger().entries(create.callConnectionId()).stream()
                .map(LedgerEntry::operation).toList();
        assertThat(operations).startsWith("createCall").contains("recognize").endsWith("terminate");
        assertThat(demo.get("patient answers and cancels").result().variables()).containsEntry("status", "cancelled");
    }

    @Test
    void busyNoAnswerAndDeclinedCallsEndWithoutTheFlowAndWithoutAHangUp() {
        CallResult busy = demo.get("the line is busy").result();
        assertThat(busy.ending()).isEqualTo(CallResult.BUSY);
        assertThat(busy.path()).isEmpty();
        assertThat(busy.reason()).isEqualTo("CreateCallFailed 486/560486");
        assertThat(demo.get("nobody answers").result().reason()).isEqualTo("CreateCallFailed 480/560480");
        assertThat(demo.get("patient declines the call").result().ending()).isEqualTo(CallResult.REJECTED);
        for (String name : List.of("the line is busy", "nobody answers", "patient declines the call")) {
            String connection = creates(demo.get(name).callId()).get(0).callConnectionId();
            assertThat(platform.emulator().ledger().entries(connection)).extracting(LedgerEntry::operation)
                    .as(name).containsExactly("createCall");
        }
    }

    @Test
    void aRetriedPostWithTheSameIdempotencyKeyDialsOnce() throws Exception {
        String to = "+14255550190";
        platform.emulator().expectCallee(ScriptedCaller.of("retried", to, "+18005550199"), CalleeAnswer.busy());
        ApiClient api = platform.apiClient();
        String key = UUID.randomUUID().toString();

        JsonNode first = api.placeCall(to, null, FLOW, Map.of("patient", "Sam"), key);
        JsonNode again = api.placeCall(to, null, FLOW, Map.of("patient", "Sam"), key);

        String id = first.path("id").asText();
        assertThat(again.path("id").asText()).isEqualTo(id);
        assertThat(again.path("replayed").asBoolean()).isTrue();
        CallResult result = platform.workflowClient().newUntypedWorkflowStub(id)
                .getResult(30, TimeUnit.SECONDS, CallResult.class);
        assertThat(result.ending()).isEqualTo(CallResult.BUSY);
        JsonNode late = api.placeCall(to, null, FLOW, Map.of("patient", "Sam"), key);
        assertThat(late.path("id").asText()).isEqualTo(id);
        assertThat(creates(id)).hasSize(1);
        assertThat(api.call(id).path("result").path("ending").asText()).isEqualTo("busy");
    }

    @Test
    void anOperatorHangsUpACallThroughTheApi() throws Exception {
        String to = "+14255550191";
        platform.emulator().expectCallee(ScriptedCaller.of("listens", to, "+18005550199",
                new CallerStep.Silence(Duration.ofSeconds(30))), CalleeAnswer.after(Duration.ZERO));
        ApiClient api = platform.apiClient();
        String id = api.placeCall(to, null, FLOW, Map.of(), null).path("id").asText();
        awaitNode(api, id, "choice");

        api.hangUp(id);

        CallResult result = platform.workflowClient().newUntypedWorkflowStub(id)
                .getResult(30, TimeUnit.SECONDS, CallResult.class);
        assertThat(result.ending()).isEqualTo(CallResult.HUNGUP_BY_OPERATOR);
        String connection = creates(id).get(0).callConnectionId();
        assertThat(platform.emulator().ledger().count(connection, "terminate")).isEqualTo(1);
    }

    @Test
    void ivrCallPrintsTheTimelineUntilTheCallEnds() throws Exception {
        String to = "+14255550192";
        platform.emulator().expectCallee(ScriptedCaller.of("cli", to, "+18005550199", new CallerStep.Press("2")),
                CalleeAnswer.after(Duration.ofSeconds(1)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = Ivr.run(new String[] {"call", "--to", to, "--flow", FLOW, "--var", "patient=Robin", "--api",
                platform.apiUrl(), "--key", platform.apiKey()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed + err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(printed).contains("Calling " + to + " with flow " + FLOW + ": call call-out-")
                .contains("CallConnected").contains("Hello Robin").contains("keys     2")
                .contains("ended hungup-by-flow; path: reminder > choice > cancel > cancelled > goodbye > end");

        platform.emulator().expectCallee(ScriptedCaller.of("cli busy", "+14255550193", "+18005550199"),
                CalleeAnswer.busy());
        ByteArrayOutputStream busy = new ByteArrayOutputStream();
        assertThat(Ivr.run(new String[] {"call", "--to", "+14255550193", "--flow", FLOW, "--api", platform.apiUrl(),
                "--key", platform.apiKey()}, new PrintStream(busy, true, StandardCharsets.UTF_8), System.err)).isEqualTo(1);
        assertThat(busy.toString(StandardCharsets.UTF_8)).contains("ended busy (CreateCallFailed 486/560486)");

        ByteArrayOutputStream refused = new ByteArrayOutputStream();
        assertThat(Ivr.run(new String[] {"call", "--to", to, "--flow", FLOW, "--api", platform.apiUrl(), "--key",
                "not-the-key"}, new PrintStream(refused, true, StandardCharsets.UTF_8), System.err)).isEqualTo(1);
        assertThat(refused.toString(StandardCharsets.UTF_8)).contains("HTTP 401 Unauthorized: the API key is not valid");
    }

    private void awaitNode(ApiClient api, String id, String node) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try {
                if (node.equals(api.call(id).path("node").asText())) {
                    return;
                }
            } catch (ApiClient.ApiException notYet) {
                // the workflow has not answered its first query yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("call " + id + " never reached " + node);
    }

    /** The createCall operations whose callback URI names this call. */
    private List<LedgerEntry> creates(String callId) {
        return platform.emulator().ledger().entries().stream()
                .filter(e -> e.operation().equals("createCall") && e.requestBody().contains("/api/callbacks/" + callId + "\""))
                .toList();
    }
}

package org.openivr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.client.WorkflowStub;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openivr.emulator.Faults;
import org.openivr.flows.ScriptedCall;
import org.openivr.flows.ScriptedCalls;
import org.openivr.workflows.CallIds;
import org.openivr.workflows.CallResult;

/**
 * The operator tools against the whole platform (embedded Temporal, emulator, API, worker): a call the emulator
 * stops answering is flagged STUCK by {@code ivr calls} at the right node with the right wait, {@code ivr inspect}
 * shows the operation that never completed, {@code --hangup} ends it; and a normal call leaves its metrics on
 * {@code /actuator/prometheus} while {@code /actuator/health} shows Temporal UP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorToolsTest {
    private static final Path FLOWS = Path.of("..", "flows");
    private static final String STATE_DIR = "target/ivr-state-operator-tools";
    private final ObjectMapper json = new ObjectMapper();
    private Platform platform;
    private DemoSuites suites;
    private HttpClient http;

    @BeforeAll
    void start() throws Exception {
        System.setProperty("ivr.state-dir", STATE_DIR);
        System.setProperty("ivr.ops.active-calls-interval", "500ms");
        suites = DemoSuites.load(FLOWS, List.of("support-line"));
        assertThat(suites.problems()).isEmpty();
        platform = Platform.start(new PlatformOptions(FLOWS, 0, null, null, suites.routes(), 0.2, null));
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
            assertThat(TemporalAddressFile.read()).as("the platform removes its address file").isEmpty();
        }
        System.clearProperty("ivr.state-dir");
        System.clearProperty("ivr.ops.active-calls-interval");
    }

    @Test
    void aCallWhoseRecognizeNeverCompletesIsFlaggedStuckAndInspectShowsTheOperation() throws Exception {
        assertThat(TemporalAddressFile.read()).contains(platform.temporalAddress());
        platform.emulator().setFaults(Faults.none().withDropEventsFor("recognize"));
        String callId;
        try {
            callId = place(call("business customer pays a bill"));

            // ivr calls finds the embedded server through .ivr/temporal-address and flags the call.
            Run calls = until(() -> ivr("calls", "--stuck-after", "1s"),
                    run -> run.out.lines().anyMatch(l -> l.startsWith("STUCK") && l.contains(callId)), Duration.ofSeconds(40));
            System.out.println("$ ivr calls --stuck-after 1s\n" + calls.out);
            assertThat(calls.exit).isEqualTo(1);
            String line = calls.out.lines().filter(l -> l.contains(callId)).findFirst().orElseThrow();
            assertThat(line).startsWith("STUCK").contains("support-line").contains("running").contains("main-menu")
                    .contains("RecognizeCompleted for 'main-menu'");
            assertThat(calls.out).contains("why: waiting").contains("key timeout 5s + 1 key x 2s + slack 1s");

            JsonNode listed = json.readTree(ivr("calls", "--json", "--stuck", "--stuck-after", "1s",
                    "--address", platform.temporalAddress()).out);
            JsonNode stuck = listed.get("calls").get(0);
            assertThat(stuck.get("callId").asText()).isEqualTo(callId);
            assertThat(stuck.get("verdict").asText()).isEqualTo("STUCK");
            assertThat(stuck.get("currentNode").asText()).isEqualTo("main-menu");
            assertThat(stuck.get("waitingFor").asText()).startsWith("RecognizeCompleted for 'main-menu' (op ");
            // The scripted call runs on its own clock (2026-11-23T10:00-08:00); waits are still measured in real time.
            assertThat(stuck.get("waitedMillis").asLong()).isBetween(1_000L, 60_000L);
            assertThat(stuck.get("allowedMillis").asLong()).isEqualTo(8_000L);
            assertThat(listed.get("source").asText()).isEqualTo("list-open");

            Run inspect = ivr("inspect", callId, "--stuck-after", "1s");
            System.out.println("$ ivr inspect " + callId + " --stuck-after 1s\n" + inspect.out);
            assertThat(inspect.exit).isZero();
            assertThat(inspect.out)
                    .contains(callId + "  STUCK  flow support-line")
                    .contains("node      main-menu")
                    .contains("waiting   RecognizeCompleted for 'main-menu'")
                    .contains("Workflow stack trace (__stack_trace)");
            String recognize = inspect.out.lines().filter(l -> l.contains("recognizeKeys")).findFirst().orElseThrow();
            assertThat(recognize).contains("/main-menu").contains("completed").contains("NO RESULT EVENT");
            assertThat(inspect.out.lines().filter(l -> l.contains(" play ")).findFirst().orElseThrow())
                    .contains("PlayCompleted");
            assertThat(inspect.out).contains("CallConnected");

            // ivr_calls_active counts it.
            String metrics = until(this::prometheus, text -> text.contains("ivr_calls_active{application=\"openivr\",flow=\"support-line\"} 1.0"),
                    Duration.ofSeconds(10));
            assertThat(metrics).contains("ivr_calls_active");
        } finally {
            platform.emulator().setFaults(Faults.none());
        }

        Run hangUp = ivr("inspect", callId, "--hangup");
        assertThat(hangUp.exit).isZero();
        assertThat(hangUp.out).contains("asked " + callId + " to hang up");
        WorkflowStub stub = platform.workflowClient().newUntypedWorkflowStub(callId);
        CallResult result = stub.getResult(30, TimeUnit.SECONDS, CallResult.class);
        assertThat(result.ending()).isEqualTo("hungup-by-operator");
        assertThat(result.path()).contains("main-menu");

        Run after = ivr("calls", "--stuck-after", "1s");
        assertThat(after.out).doesNotContain(callId);
        Run ended = ivr("inspect", callId);
        assertThat(ended.out).contains("workflow  COMPLETED").contains("ENDED").contains("hang-up requested by an operator");
    }

    @Test
    void inspectAndCallsExplainBadUsageAndUnknownCalls() {
        Run unknown = ivr("inspect", "call-nobody", "--address", platform.temporalAddress());
        assertThat(unknown.exit).isEqualTo(1);
        assertThat(unknown.out).contains("knows no call 'call-nobody'");
        assertThat(ivr("inspect").exit).isEqualTo(2);
        assertThat(ivr("calls", "--stuck-after", "soon").exit).isEqualTo(2);
        Run unreachable = ivr("calls", "--address", "127.0.0.1:" + Ports.free());
        assertThat(unreachable.exit).isEqualTo(1);
        assertThat(unreachable.out).contains("cannot reach Temporal at 127.0.0.1:");
    }

    @Test
    void aScriptedCallLeavesItsMetricsAndHealthShowsTemporalUp() throws Exception {
        ScriptedCall call = call("personal customer mistypes the account number once");
        String callId = place(call);
        CallResult result = platform.workflowClient().newUntypedWorkflowStub(callId)
                .getResult(90, TimeUnit.SECONDS, CallResult.class);
        assertThat(result.ending()).isEqualTo(CallResult.HUNGUP_BY_FLOW);

        String metrics = prometheus();
        assertThat(metrics)
                .contains("ivr_node_transitions_total{application=\"openivr\",flow=\"support-line\",node=\"main-menu\"}")
                .contains("ivr_node_transitions_total{application=\"openivr\",flow=\"support-line\",node=\"personal-callback\"}")
                .containsPattern("ivr_acs_operation_seconds_count\\{application=\"openivr\",operation=\"play\",outcome=\"ok\"\\} [1-9]")
                .containsPattern("ivr_acs_operation_seconds_count\\{application=\"openivr\",operation=\"recognizeKeys\",outcome=\"ok\"\\} [1-9]")
                .containsPattern("ivr_acs_operation_seconds_count\\{application=\"openivr\",operation=\"answer\",outcome=\"ok\"\\} [1-9]")
                .contains("ivr_acs_events_total{application=\"openivr\",type=\"RecognizeCompleted\"}")
                .contains("ivr_acs_events_total{application=\"openivr\",type=\"PlayCompleted\"}")
                .containsPattern("ivr_event_to_action_seconds_bucket\\{application=\"openivr\",operation=\"recognizeKeys\",le=\"[0-9.]+\"\\}")
                .containsPattern("ivr_event_to_action_seconds_count\\{application=\"openivr\",operation=\"play\"\\} [1-9]")
                .contains("ivr_audio_streams{application=\"openivr\"}")
                // Temporal's own SDK metrics go to the same registry.
                .contains("temporal_activity_execution_latency_seconds");

        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(health.body());
        assertThat(body.get("status").asText()).isEqualTo("UP");
        assertThat(body.at("/components/temporal/status").asText()).isEqualTo("UP");
    }

    @Test
    void theInspectorJsonListsFlowsWithDiagramsAndACallWithItsNodeHighlighted() throws Exception {
        JsonNode flows = json.readTree(get("/inspector/api/flows").body());
        assertThat(flows.findValuesAsText("name")).contains("support-line", "card-payment");
        JsonNode flow = json.readTree(get("/inspector/api/flows/support-line").body());
        assertThat(flow.get("mermaid").asText()).startsWith("---\ntitle: 'support-line").contains("flowchart TD");
        assertThat(get("/inspector/api/flows/nothing-here").statusCode()).isEqualTo(404);

        String callId = place(call("personal customer mistypes the account number once"));
        platform.workflowClient().newUntypedWorkflowStub(callId).getResult(90, TimeUnit.SECONDS, CallResult.class);
        JsonNode view = json.readTree(get("/inspector/api/calls/" + callId).body());
        assertThat(view.at("/report/summary/verdict").asText()).isEqualTo("ENDED");
        assertThat(view.at("/report/state/timeline").size()).isGreaterThan(5);
        assertThat(view.at("/report/operations").findValuesAsText("operation")).contains("answer", "play", "recognizeKeys", "hangUp");
        assertThat(view.at("/diagram/mermaid").asText()).contains("class ").contains(" visited");
        assertThat(get("/inspector/api/calls/call-nobody").statusCode()).isEqualTo(404);

        HttpResponse<String> page = get("/inspector");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("openivr inspector").contains("/inspector/vendor/mermaid.min.js");
        assertThat(get("/inspector/vendor/mermaid.min.js").body()).contains("mermaid");
    }

    // ---- helpers ----

    private ScriptedCall call(String name) {
        ScriptedCalls suite = suites.suites().stream().filter(s -> s.flow().equals("support-line")).findFirst().orElseThrow();
        return suite.calls().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private String place(ScriptedCall call) {
        String number = suites.numbers().get("support-line");
        return CallIds.forIncomingCall(platform.emulator().placeCall(ScriptedCallers.toEmulator(call, number)));
    }

    record Run(int exit, String out, String err) {}

    private static Run ivr(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Ivr.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String prometheus() {
        try {
            HttpResponse<String> response = get("/actuator/prometheus");
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.apiPort() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    interface Attempt<T> {
        T get() throws Exception;
    }

    private static <T> T until(Attempt<T> attempt, Predicate<T> done, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        T last = attempt.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + limit + "; last: " + last);
            }
            Thread.sleep(300);
            last = attempt.get();
        }
        return last;
    }
}

package org.openivr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
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

/**
 * The scripted calls of the shipped flows, run the way {@code ./ivr demo} runs them: the real ACS
 * SDK against the emulator over HTTPS, the embedded Temporal server, the API and the worker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndTest {
    private static final Path FLOWS = Path.of("..", "flows");
    private Platform platform;
    private DemoSuites suites;

    @BeforeAll
    void start() throws Exception {
        suites = DemoSuites.load(FLOWS, List.of("support-line"));
        assertThat(suites.problems()).isEmpty();
        Map<String, String> routes = suites.numbers().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
        platform = Platform.start(new PlatformOptions(FLOWS, 0, null, null, routes, 0.2, null));
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private List<CallRun> runAll() throws InterruptedException {
        DemoRunner runner = new DemoRunner(platform.workflowClient(), platform.emulator(),
                new TimelinePrinter(new PrintStream(System.out, true)), Duration.ofMinutes(2));
        return runner.run(suites.suites(), suites.numbers());
    }

    @Test
    void everyScriptedCallMeetsItsExpectationAndNoOperationRunsTwice() throws Exception {
        List<CallRun> runs = runAll();

        assertThat(runs).hasSizeGreaterThanOrEqualTo(3);
        for (CallRun run : runs) {
            assertThat(run.problems()).as(run.label()).isEmpty();
            assertThat(run.result().path()).as(run.label()).isNotEmpty().startsWith("welcome");
            assertAnsweredOnceAndHungUpAtMostOnce(run);
        }
        CallRun happy = runs.stream().filter(r -> r.result().ending().equals("hungup-by-flow")
                && r.result().variables().get("account") != null
                && !String.valueOf(r.result().variables().get("account")).isEmpty()).findFirst().orElseThrow();
        assertThat(happy.result().path()).contains("main-menu");
    }

    @Test
    void callbacksPostedTwiceEndEveryCallExactlyAsOnce() throws Exception {
        Map<String, CallRun> once = byName(runAll());
        platform.emulator().setFaults(new Faults(true, Duration.ZERO));
        try {
            Map<String, CallRun> twice = byName(runAll());
            assertThat(twice.keySet()).isEqualTo(once.keySet());
            for (String name : once.keySet()) {
                assertThat(twice.get(name).problems()).as(name).isEmpty();
                assertThat(twice.get(name).result()).as(name).isEqualTo(once.get(name).result());
                // IncomingCall is redelivered too: the second delivery must not start or answer a second call.
                assertAnsweredOnceAndHungUpAtMostOnce(twice.get(name));
            }
        } finally {
            platform.emulator().setFaults(Faults.none());
        }
    }

    @Test
    void malformedOrUnknownCallbacksAreRefusedAndTouchNoCall() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + platform.apiPort();

        HttpResponse<String> garbage = post(http, base + "/api/callbacks/call-nobody", "{not json");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("not valid JSON");

        HttpResponse<String> unknown = post(http, base + "/api/callbacks/call-nobody", """
                [{"id":"e1","type":"Microsoft.Communication.PlayCompleted","data":{"operationContext":"1/x"}}]""");
        assertThat(unknown.statusCode()).isEqualTo(404);

        HttpResponse<String> notACallId = post(http, base + "/api/callbacks/..%2Fadmin", "[]");
        assertThat(notACallId.statusCode()).isIn(400, 404);

        HttpResponse<String> badEvent = post(http, base + "/api/events", "[{\"id\":\"x\"}]");
        assertThat(badEvent.statusCode()).isEqualTo(400);
        assertThat(badEvent.body()).contains("'type'");

        HttpResponse<String> handshake = post(http, base + "/api/events", """
                [{"id":"v","eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","data":{"validationCode":"abc-123"}}]""");
        assertThat(handshake.statusCode()).isEqualTo(200);
        assertThat(handshake.body()).contains("\"validationResponse\":\"abc-123\"");
    }

    private void assertAnsweredOnceAndHungUpAtMostOnce(CallRun run) {
        String connection = platform.emulator().call(run.callId().substring("call-".length()))
                .orElseThrow().callConnectionId();
        List<LedgerEntry> ledger = platform.emulator().ledger().entries(connection);
        assertThat(ledger.stream().filter(e -> e.operation().equals("answer")).count()).as(run.label()).isEqualTo(1);
        assertThat(ledger.stream().filter(e -> e.operation().equals("hangUp") || e.operation().equals("terminate"))
                .count()).as(run.label()).isLessThanOrEqualTo(1);
    }

    private static HttpResponse<String> post(HttpClient http, String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, CallRun> byName(List<CallRun> runs) {
        return runs.stream().collect(Collectors.toMap(r -> r.call().name(), Function.identity()));
    }
}

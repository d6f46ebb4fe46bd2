package org.openivr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openivr.emulator.LedgerEntry;
import org.openivr.flows.ScriptedCall;
import org.openivr.flows.ScriptedCalls;
import org.openivr.workflows.CallIds;
import org.openivr.workflows.CallResult;

/**
 * Crash safety: the embedded Temporal server, the emulator and the API run in this JVM with no worker; two
 * {@code ivr worker} JVMs do all the call work. Sixty scripted calls run at once, in real time, while a worker is
 * killed with SIGKILL three times mid-call (and started again after each kill). Every call must still meet its
 * {@code expect}, every call must be answered once, and no step may run twice in ACS ({@code Ledger#repeatedSteps}),
 * except where ACS itself offers no de-duplication ({@code Repeatability-Request-ID}) and the platform makes the
 * repeat harmless instead: a play or recognize whose attempt was lost and that the call sent again barging in (which
 * cancels the first run), and a state change (hold, unhold, continuous DTMF or media streaming start/stop) that ran
 * again because a kill cut its attempt. See docs/operations.md, "Reliability".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkerCrashTest {
    private static final Path FLOWS = Path.of("..", "flows");
    private static final Path LOGS = Path.of("target", "worker-crash");
    /** Flows whose calls last long enough in real time (10 to 75 s) to be mid-call when a worker dies. */
    private static final List<String> FLOW_NAMES = List.of("support-line", "clinic-line", "card-payment", "agent-queue",
            "identify");
    private static final int ROUNDS = 3;
    private static final int KILLS = 3;
    private static final Duration START_LIMIT = Duration.ofMinutes(2);
    private static final Duration CALL_LIMIT = Duration.ofMinutes(6);

    private Platform platform;
    private DemoSuites suites;
    private final List<WorkerProcess> workers = new ArrayList<>();

    private record PlacedCall(ScriptedCall call, String callId, CompletableFuture<CallResult> result) {}

    private record Kill(String worker, Instant at) {}

    @BeforeAll
    void start() throws Exception {
        suites = DemoSuites.load(FLOWS, FLOW_NAMES);
        assertThat(suites.problems()).isEmpty();
        platform = Platform.start(new PlatformOptions(FLOWS, 0, null, null, suites.routes(), 1.0, null).withoutWorker());
    }

    @AfterAll
    void stop() {
        workers.forEach(WorkerProcess::stop);
        if (platform != null) {
            platform.close();
        }
    }

    private WorkerProcess startWorker(String name) throws Exception {
        WorkerProcess worker = WorkerProcess.start(name, platform.workerArguments(), platform.workerEnvironment(), LOGS);
        workers.add(worker);
        return worker;
    }

    @Test
    void callsMeetTheirExpectAndRunNothingTwiceWhileWorkersAreKilledMidCall() throws Exception {
        WorkerProcess[] live = {startWorker("worker-a1"), startWorker("worker-b1")};
        for (WorkerProcess worker : live) {
            worker.awaitReady(START_LIMIT);
        }

        List<PlacedCall> calls = placeEveryCall();
        assertThat(calls).hasSizeGreaterThanOrEqualTo(50);
        awaitEveryCallAnswered(calls);

        // Kill the first worker; before its successor is up, kill the second once it has taken on more work (for a
        // moment no worker runs at all); then kill the successor once it works. Each victim is mid-call.
        List<Kill> kills = new ArrayList<>();
        kills.add(kill(live[0], calls, 0));
        long beforeFirstKill = live[1].acsOperations();
        live[0] = startWorker("worker-a2");
        kills.add(kill(live[1], calls, beforeFirstKill));
        live[1] = startWorker("worker-b2");
        live[0].awaitReady(START_LIMIT);
        kills.add(kill(live[0], calls, 0));
        live[0] = startWorker("worker-a3");
        assertThat(kills).hasSize(KILLS);

        List<String> problems = new ArrayList<>();
        for (PlacedCall placed : calls) {
            CallResult result;
            try {
                result = placed.result().get(CALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                result = null;
            }
            Expectations.checkOutcome(placed.call().expect(), result)
                    .forEach(p -> problems.add(placed.callId() + " (" + placed.call().name() + "): " + p));
        }
        assertThat(problems).isEmpty();

        for (PlacedCall placed : calls) {
            String connection = platform.emulator().call(placed.callId().substring("call-".length()))
                    .orElseThrow().callConnectionId();
            assertThat(platform.emulator().ledger().entries(connection).stream().map(LedgerEntry::operation))
                    .as(placed.callId()).containsOnlyOnce("answer");
        }
        List<List<LedgerEntry>> repeated = platform.emulator().ledger().repeatedSteps();
        for (List<LedgerEntry> executions : repeated) {
            System.out.printf("ran %d times: %s %s (%s)%n", executions.size(), executions.get(0).operation(),
                    executions.get(0).requestBody(), cutByAKill(executions, kills)
                            ? "a worker was killed between the runs" : "no kill in between");
        }
        assertThat(repeated).as("steps executed more than once, other than the harmless repeats ACS forces")
                .allMatch(executions -> harmlessRepeat(executions, kills));
    }

    /** Kills {@code victim} once it has done more than {@code done} ACS operations, while calls are in flight. */
    private Kill kill(WorkerProcess victim, List<PlacedCall> calls, long done) throws InterruptedException {
        victim.awaitCallWork(done, START_LIMIT);
        long open = calls.stream().filter(c -> !c.result().isDone()).count();
        assertThat(open).as("calls in flight when %s is killed", victim.name).isPositive();
        Kill kill = new Kill(victim.name, victim.kill());
        System.out.printf("killed %s (pid %d, %d ACS operations done) with %d call(s) in flight%n", victim.name,
                victim.pid(), victim.acsOperations(), open);
        return kill;
    }

    /** Three rounds of every scripted call of {@link #FLOW_NAMES}, placed at once through Event Grid. */
    private List<PlacedCall> placeEveryCall() {
        WorkflowClient client = platform.workflowClient();
        List<PlacedCall> calls = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (ScriptedCalls suite : suites.suites()) {
                for (ScriptedCall call : suite.calls()) {
                    String correlationId = platform.emulator().placeCall(
                            ScriptedCallers.toEmulator(call, suites.numbers().get(suite.flow())));
                    String callId = CallIds.forIncomingCall(correlationId);
                    calls.add(new PlacedCall(call, callId, client.newUntypedWorkflowStub(callId)
                            .getResultAsync(CALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS, CallResult.class)));
                }
            }
        }
        return calls;
    }

    /** Kills then land mid-call, not while calls ring. */
    private void awaitEveryCallAnswered(List<PlacedCall> calls) throws InterruptedException {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            long answered = platform.emulator().ledger().entries().stream()
                    .filter(e -> e.operation().equals("answer") && e.status() == 200).count();
            if (answered >= calls.size()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("not every call was answered within " + START_LIMIT);
    }

    /** Operations that set a state: running one again sets the same state. */
    private static final java.util.Set<String> STATE_CHANGES = java.util.Set.of("hold", "unhold",
            "startContinuousDtmfRecognition", "stopContinuousDtmfRecognition", "startMediaStreaming",
            "stopMediaStreaming");

    /**
     * Never an operation sent with a request id (ACS would have de-duplicated it: running twice means the ids
     * differed). A play or recognize whose attempt was lost and that the call therefore sent again with
     * {@code interruptCallMediaOperation}: the new run cancelled the first one if it was still going, so no copy was
     * left queued ahead of the call's next step. A state change that ran again because a kill cut its attempt.
     */
    private static boolean harmlessRepeat(List<LedgerEntry> executions, List<Kill> kills) {
        if (executions.stream().anyMatch(e -> e.repeatabilityRequestId() != null)) {
            return false;
        }
        String operation = executions.get(0).operation();
        if (operation.equals("play") || operation.equals("recognize")) {
            return executions.stream().skip(1)
                    .allMatch(e -> e.requestBody().contains("\"interruptCallMediaOperation\":true"));
        }
        return STATE_CHANGES.contains(operation) && cutByAKill(executions, kills);
    }

    /** Whether a worker was killed after the first run's request could have been sent and before the last run. */
    private static boolean cutByAKill(List<LedgerEntry> executions, List<Kill> kills) {
        Instant first = executions.get(0).at();
        Instant last = executions.get(executions.size() - 1).at();
        return kills.stream().anyMatch(kill -> kill.at().isAfter(first.minusSeconds(5)) && kill.at().isBefore(last));
    }
}

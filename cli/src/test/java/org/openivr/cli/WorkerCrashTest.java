package org.openivr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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
 * {@code expect}, every call must be answered once, and no step may run twice in ACS, with the one exception ACS
 * itself forces: an operation that ACS cannot de-duplicate (no {@code Repeatability-Request-ID} in its API: play,
 * recognize, hold, ...) runs again when its worker died after ACS ran it and before Temporal heard so; such a repeat
 * is accepted only when a kill fell in that gap (see docs/operations.md, "Reliability").
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
        Map<String, String> routes = suites.numbers().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
        platform = Platform.start(new PlatformOptions(FLOWS, 0, null, null, routes, 1.0, null).withoutWorker());
    }

    @AfterAll
    void stop() {
        workers.forEach(WorkerProcess::stop);
        if (platform != null) {
            platform.close();
        }
    }

    private WorkerProcess startWorker(String name) throws Exception {
        WorkerProcess worker = WorkerProcess.start(name, platform.workerArguments(), LOGS);
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

        List<Kill> kills = new ArrayList<>();
        for (int k = 0; k < KILLS; k++) {
            int slot = k % 2;
            WorkerProcess victim = live[slot];
            victim.awaitCallWork(START_LIMIT);
            long open = calls.stream().filter(c -> !c.result().isDone()).count();
            assertThat(open).as("calls in flight when %s is killed", victim.name).isPositive();
            kills.add(new Kill(victim.name, victim.kill()));
            System.out.printf("killed %s (pid %d, %d ACS operations done) with %d call(s) in flight%n", victim.name,
                    victim.pid(), victim.acsOperations(), open);
            live[slot] = startWorker(victim.name.substring(0, victim.name.length() - 1) + (k / 2 + 2));
            live[slot].awaitReady(START_LIMIT);
        }

        List<String> problems = new ArrayList<>();
        for (PlacedCall placed : calls) {
            CallResult result;
            try {
                result = placed.result().get(CALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                result = null;
            }
            Expectations.check(placed.call().expect(), result)
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
        List<List<LedgerEntry>> cutByAKill = repeated.stream().filter(executions -> explainedByAKill(executions, kills))
                .toList();
        repeated.forEach(executions -> System.out.printf("ran %d times: %s %s%s%n", executions.size(),
                executions.get(0).operation(), executions.get(0).requestBody(),
                cutByAKill.contains(executions) ? " (its worker was killed in between)" : ""));
        assertThat(repeated).as("steps executed more than once").isEqualTo(cutByAKill);
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

    /**
     * An operation ACS has no request id for ran again only because its worker died between ACS running it and
     * Temporal recording the attempt: a kill came after the first run, within one attempt's time, and before the
     * next run (the retry).
     */
    private static boolean explainedByAKill(List<LedgerEntry> executions, List<Kill> kills) {
        if (executions.stream().anyMatch(e -> e.repeatabilityRequestId() != null)) {
            return false; // ACS would have de-duplicated these: running twice means the ids differed
        }
        for (int i = 1; i < executions.size(); i++) {
            Instant first = executions.get(i - 1).at();
            Instant again = executions.get(i).at();
            boolean cut = kills.stream().anyMatch(kill -> kill.at().isAfter(first) && kill.at().isBefore(again)
                    && Duration.between(first, kill.at()).compareTo(Duration.ofSeconds(5)) < 0);
            if (!cut) {
                return false;
            }
        }
        return true;
    }
}

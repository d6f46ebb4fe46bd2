package org.openivr.cli;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.CheckedExceptionWrapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openivr.emulator.AcsEmulator;
import org.openivr.flows.ScriptedCall;
import org.openivr.flows.ScriptedCalls;
import org.openivr.workflows.CallIds;
import org.openivr.workflows.CallResult;
import org.openivr.workflows.CallStateView;
import org.openivr.workflows.TimelineEntry;

/**
 * Places every scripted call through the emulator, follows each call's timeline live through the
 * workflow's {@code state} query, and checks how each ended against its {@code expect}.
 */
public final class DemoRunner {
    private static final Duration POLL = Duration.ofMillis(200);
    private final WorkflowClient client;
    private final AcsEmulator emulator;
    private final TimelinePrinter printer;
    private final Duration perCallLimit;

    public DemoRunner(WorkflowClient client, AcsEmulator emulator, TimelinePrinter printer, Duration perCallLimit) {
        this.client = client;
        this.emulator = emulator;
        this.printer = printer;
        this.perCallLimit = perCallLimit;
    }

    /** @param numbers flow name -> the number its calls dial */
    public List<CallRun> run(List<ScriptedCalls> suites, Map<String, String> numbers) throws InterruptedException {
        int total = suites.stream().mapToInt(s -> s.calls().size()).sum();
        ExecutorService watchers = Executors.newFixedThreadPool(Math.max(1, Math.min(total, 64)));
        try {
            List<Future<CallRun>> runs = new ArrayList<>();
            for (ScriptedCalls suite : suites) {
                for (ScriptedCall call : suite.calls()) {
                    String tag = "#" + (runs.size() + 1);
                    String correlationId = emulator.placeCall(ScriptedCallers.toEmulator(call, numbers.get(suite.flow())));
                    String callId = CallIds.forIncomingCall(correlationId);
                    printer.line(String.format("  %-4s %s / %s  (%s calls %s, workflow %s)", tag, suite.flow(), call.name(),
                            call.from(), numbers.get(suite.flow()), callId));
                    runs.add(watchers.submit(() -> follow(tag, suite.flow(), call, callId)));
                }
            }
            printer.line("");
            List<CallRun> results = new ArrayList<>();
            for (Future<CallRun> run : runs) {
                try {
                    results.add(run.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("watching a call failed", e.getCause());
                }
            }
            return results;
        } finally {
            watchers.shutdownNow();
        }
    }

    private CallRun follow(String tag, String flow, ScriptedCall call, String callId) throws InterruptedException {
        WorkflowStub stub = client.newUntypedWorkflowStub(callId);
        long deadline = System.nanoTime() + perCallLimit.toNanos();
        int printed = 0;
        long start = -1;
        while (System.nanoTime() < deadline) {
            CallStateView view = queryState(stub);
            if (view != null) {
                List<TimelineEntry> timeline = view.timeline();
                if (start < 0 && !timeline.isEmpty()) {
                    start = timeline.get(0).atMillis();
                }
                for (int i = printed; i < timeline.size(); i++) {
                    printer.entry(tag, start, timeline.get(i));
                }
                printed = Math.max(printed, timeline.size());
                if ("ended".equals(view.status())) {
                    break;
                }
            }
            Thread.sleep(POLL.toMillis());
        }
        CallResult result = result(stub, deadline);
        List<String> problems = Expectations.check(call.expect(), result);
        return new CallRun(flow, call, callId, result, problems);
    }

    private static CallStateView queryState(WorkflowStub stub) {
        try {
            return stub.query("state", CallStateView.class);
        } catch (WorkflowNotFoundException | WorkflowQueryException e) {
            return null; // not started yet: IncomingCall is still on its way through Event Grid
        } catch (WorkflowException e) {
            return null;
        }
    }

    private static CallResult result(WorkflowStub stub, long deadline) {
        long remaining = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        try {
            return stub.getResult(remaining, TimeUnit.MILLISECONDS, CallResult.class);
        } catch (TimeoutException | WorkflowException | IllegalStateException | CheckedExceptionWrapper e) {
            return null;
        }
    }
}

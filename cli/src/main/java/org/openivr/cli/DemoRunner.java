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
import org.openivr.workflows.CallResult;
import org.openivr.workflows.CallStateView;
import org.openivr.workflows.TimelineEntry;

/**
 * Places every scripted call (incoming ones through the emulator's Event Grid, outbound ones through the platform's
 * {@code POST /api/calls} to a callee the emulator plays), follows each call's timeline live through the
 * workflow's {@code state} query, and checks how each ended against its {@code expect}.
 */
public final class DemoRunner {
    private static final Duration POLL = Duration.ofMillis(200);
    private final WorkflowClient client;
    private final TimelinePrinter printer;
    private final Duration perCallLimit;
    /** Places calls; outbound ones only with the platform's API, else they are skipped. */
    private final ScriptedCallPlacer placer;

    /** Runs incoming scripted calls only: outbound ones need the API (see the other constructor) and are skipped. */
    public DemoRunner(WorkflowClient client, AcsEmulator emulator, TimelinePrinter printer, Duration perCallLimit) {
        this(client, emulator, printer, perCallLimit, null);
    }

    /** Also places outbound scripted calls, through {@code POST /api/calls} on {@code api}. */
    public DemoRunner(WorkflowClient client, AcsEmulator emulator, TimelinePrinter printer, Duration perCallLimit,
                      ApiClient api) {
        this.client = client;
        this.printer = printer;
        this.perCallLimit = perCallLimit;
        this.placer = new ScriptedCallPlacer(emulator, api);
    }

    /** @param numbers flow name -> the number its calls dial */
    public List<CallRun> run(List<ScriptedCalls> suites, Map<String, String> numbers) throws InterruptedException {
        int total = suites.stream().mapToInt(s -> s.calls().size()).sum();
        ExecutorService watchers = Executors.newFixedThreadPool(Math.max(1, Math.min(total, 64)));
        try {
            List<Future<CallRun>> runs = new ArrayList<>();
            int skipped = 0;
            for (ScriptedCalls suite : suites) {
                for (ScriptedCall call : suite.calls()) {
                    if (call.outbound() && !placer.placesOutbound()) {
                        skipped++;
                        continue;
                    }
                    String tag = "#" + (runs.size() + 1);
                    String callId = placer.place(suite.flow(), call, numbers.get(suite.flow()));
                    if (call.outbound()) {
                        String from = call.from() != null ? call.from() : numbers.get(suite.flow());
                        printer.line(String.format("  %-4s %s / %s  (%s calls %s, answer: %s, workflow %s)", tag,
                                suite.flow(), call.name(), from, call.to(), call.answer(), callId));
                    } else {
                        printer.line(String.format("  %-4s %s / %s  (%s calls %s, workflow %s)", tag, suite.flow(),
                                call.name(), call.from(), numbers.get(suite.flow()), callId));
                    }
                    runs.add(watchers.submit(() -> follow(tag, suite.flow(), call, callId)));
                }
            }
            if (skipped > 0) {
                printer.line("  (" + skipped + " outbound call(s) skipped: placing them needs the platform's API)");
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
        List<TimelineEntry> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            CallStateView view = queryState(stub);
            if (view != null) {
                List<TimelineEntry> timeline = view.timeline();
                if (start < 0 && !timeline.isEmpty()) {
                    start = timeline.get(0).atMillis();
                }
                for (int i = printed; i < timeline.size(); i++) {
                    printer.entry(tag, start, timeline.get(i));
                    seen.add(timeline.get(i));
                }
                printed = Math.max(printed, timeline.size());
                if ("ended".equals(view.status())) {
                    break;
                }
            }
            Thread.sleep(POLL.toMillis());
        }
        CallResult result = result(stub, deadline);
        List<String> problems = Expectations.check(call.expect(), result, seen);
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

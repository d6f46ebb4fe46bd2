package org.openivr.cli.soak;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.openivr.cli.DemoSuites;
import org.openivr.cli.Expectations;
import org.openivr.cli.Platform;
import org.openivr.cli.PlatformOptions;
import org.openivr.cli.ScriptedCallPlacer;
import org.openivr.cli.soak.CallMix.MixedCall;
import org.openivr.workflows.CallResult;
import org.openivr.workflows.CallStateView;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;

/**
 * {@code ivr soak}: starts the platform (embedded Temporal, emulator, API, worker), keeps N scripted calls of the
 * demo flows in flight for M minutes (a new one starts whenever one ends), and reports calls started, completed
 * (met expect), failed, lost and stuck, ACS steps run again, heap after GC and CPU over time, event-to-action
 * latency and, from a probe workflow in the same run, Temporal's own signal-to-activity latency.
 */
public final class Soak {
    private static final int PLACERS = 4;
    private final SoakSettings settings;
    private final CallMix mix;
    private final EventToAction eventToAction;
    private final TimeToAnswer timeToAnswer;
    private final StepRepeats repeats;
    private final SoakPrinter printer;
    private final SoakTally tally = new SoakTally();
    private final RetainedHistories histories;
    private final boolean temporalInProcess;
    private final ScriptedCallPlacer placer;
    private final WorkflowClient client;
    private final Semaphore slots;
    /** The probe's, once started: the ramp-up marks it steady with the others. */
    private volatile LatencyRecorder probeLatency;
    private final ExecutorService finishers = Executors.newFixedThreadPool(4, daemon("soak-finish"));

    private Soak(SoakSettings settings, Platform platform, CallMix mix, EventToAction eventToAction,
                 TimeToAnswer timeToAnswer, StepRepeats repeats, SoakPrinter printer) {
        this.settings = settings;
        this.mix = mix;
        this.eventToAction = eventToAction;
        this.timeToAnswer = timeToAnswer;
        this.repeats = repeats;
        this.printer = printer;
        this.client = platform.workflowClient();
        this.histories = new RetainedHistories(client, platform.embeddedTemporal());
        this.temporalInProcess = platform.embeddedTemporal() != null;
        this.placer = new ScriptedCallPlacer(platform.emulator(), platform.apiClient());
        this.slots = new Semaphore(0); // opened by the ramp-up
    }

    /**
     * @param options how to start the platform; it must use the local emulator
     * @return 0 when every call met its expect (nothing failed, lost, stuck or refused) and no ACS step was done
     *     twice, else 1
     */
    public static int run(SoakSettings settings, PlatformOptions options, DemoSuites suites, PrintStream out)
            throws IOException, InterruptedException {
        CallMix mix = CallMix.of(suites, options.flowsDir());
        EventToAction eventToAction = new EventToAction();
        TimeToAnswer timeToAnswer = new TimeToAnswer();
        // Enough for every call in flight and the calls that ended while they ran.
        StepRepeats repeats = new StepRepeats(Math.max(1_000, 4 * settings.calls()));
        SoakPrinter printer = new SoakPrinter(out);
        printer.header(settings, mix);
        long liveAtStart;
        SoakResult result;
        Map<String, Long> liveWhileClosing = new LinkedHashMap<>();
        Platform platform = Platform.start(options.withRetention(settings.retention()),
                builder -> builder.initializers(context -> context.getBeanFactory()
                        .registerSingleton("soakCallbackArrivals", arrivalFilter(eventToAction))));
        try {
            if (platform.emulator() == null) {
                throw new IllegalStateException("ivr soak drives the local ACS emulator; unset ACS_CONNECTION_STRING");
            }
            // The soak follows the ledger live instead: kept, it would grow (and be copied) with every request.
            platform.emulator().ledger().stopKeeping();
            platform.emulator().ledger().subscribe(entry -> {
                long now = System.nanoTime();
                eventToAction.requestExecuted(entry, now);
                timeToAnswer.requestExecuted(entry, now);
                repeats.executed(entry);
            });
            liveAtStart = HeapSampler.liveBytes();
            result = new Soak(settings, platform, mix, eventToAction, timeToAnswer, repeats, printer).drive();
            liveWhileClosing.put("everything (calls ended)", HeapSampler.liveBytes());
        } finally {
            platform.close(part -> liveWhileClosing.put(part + " stopped", HeapSampler.liveBytes()));
        }
        printer.summary(settings, result, liveAtStart, liveWhileClosing);
        return result.clean() ? 0 : 1;
    }

    private static FilterRegistrationBean<CallbackArrivalFilter> arrivalFilter(EventToAction eventToAction) {
        FilterRegistrationBean<CallbackArrivalFilter> registration =
                new FilterRegistrationBean<>(new CallbackArrivalFilter(eventToAction));
        registration.addUrlPatterns(CallbackArrivalFilter.PATH + "*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    private SoakResult drive() throws InterruptedException {
        List<SoakSample> samples = new ArrayList<>();
        HeapSampler heap = new HeapSampler();
        CpuMeter cpu = CpuMeter.ofThisProcess();
        SignalProbe probe = SignalProbe.start(client, settings.probeEvery());
        probeLatency = probe.latency();
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(daemon("soak-report"));
        ExecutorService placers = Executors.newFixedThreadPool(PLACERS, daemon("soak-place"));
        long started = System.nanoTime();
        try {
            long period = settings.reportEvery().toNanos();
            reporter.scheduleAtFixedRate(() -> {
                SoakSample sample = sample(started, heap, cpu, probe);
                synchronized (samples) {
                    samples.add(sample);
                }
                printer.progress(sample);
            }, period, period, TimeUnit.NANOSECONDS);
            RampUp ramp = new RampUp(started);
            ramp.run();
            if (!ramp.done()) {
                reporter.scheduleAtFixedRate(ramp, 100, 100, TimeUnit.MILLISECONDS);
            }
            long stopPlacing = started + settings.length().toNanos();
            for (int i = 0; i < PLACERS; i++) {
                placers.submit(() -> placeUntil(stopPlacing));
            }
            placers.shutdown();
            placers.awaitTermination(settings.length().toNanos() + TimeUnit.MINUTES.toNanos(1), TimeUnit.NANOSECONDS);
            printer.line("no new calls from now on; waiting for the " + tally.counts().inFlight() + " in flight to end");
            // Every call's result wait ends at its deadline at the latest; the margin covers finishing work.
            long drainUntil = System.nanoTime() + settings.deadline().toNanos() + TimeUnit.SECONDS.toNanos(30);
            while (tally.counts().inFlight() > 0 && System.nanoTime() < drainUntil) {
                Thread.sleep(250);
            }
        } finally {
            placers.shutdownNow();
            reporter.shutdownNow();
            reporter.awaitTermination(10, TimeUnit.SECONDS);
            probe.close();
            heap.close();
        }
        SoakSample last = sample(started, heap, cpu, probe);
        samples.add(last);
        printer.progress(last);
        finishers.shutdown();
        return new SoakResult(tally.counts(), List.copyOf(samples),
                new SoakResult.Latencies(timeToAnswer.latency().steady(), timeToAnswer.latency().total()),
                new SoakResult.Latencies(eventToAction.latency().steady(), eventToAction.latency().total()),
                eventToAction.counts(), eventToAction.slowest().slowest(),
                new SoakResult.Latencies(probe.latency().steady(), probe.latency().total()), probe.failedSignals(),
                probe.skippedTicks(),
                histories.estimate(), repeats.counts(), repeats.examples(),
                tally.problems(), cpu == null ? CpuMeter.Use.UNKNOWN : cpu.wholeRun(tally.counts().ended()),
                temporalInProcess, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * Opens the slots linearly over the ramp-up, then marks the latencies steady from there on: a cold JVM meeting
     * N calls at once says little about N calls in flight.
     */
    private final class RampUp implements Runnable {
        private final long started;
        private int opened;
        private volatile boolean done;

        RampUp(long started) {
            this.started = started;
        }

        @Override
        public void run() {
            if (done) {
                return;
            }
            long ramp = settings.rampUp().toNanos();
            double share = ramp == 0 ? 1 : Math.min(1, (System.nanoTime() - started) / (double) ramp);
            int target = (int) Math.round(settings.calls() * share);
            if (target > opened) {
                slots.release(target - opened);
                opened = target;
            }
            if (opened == settings.calls()) {
                done = true;
                timeToAnswer.latency().startSteady();
                eventToAction.latency().startSteady();
                probeLatency.startSteady();
            }
        }

        boolean done() {
            return done;
        }
    }

    private SoakSample sample(long started, HeapSampler heap, CpuMeter cpu, SignalProbe probe) {
        long live = settings.liveHeap() ? HeapSampler.liveBytes() : -1;
        SoakTally.Counts counts = tally.counts();
        CpuMeter.Use used = cpu == null ? CpuMeter.Use.UNKNOWN : cpu.window(counts.ended());
        return new SoakSample(Duration.ofNanos(System.nanoTime() - started), counts, heap.window(live), used,
                histories.estimate(), timeToAnswer.latency().interval(), eventToAction.latency().interval(),
                probe.latency().interval());
    }

    private void placeUntil(long stopPlacing) {
        try {
            while (System.nanoTime() < stopPlacing) {
                if (slots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    if (System.nanoTime() >= stopPlacing) {
                        slots.release();
                        return;
                    }
                    placeOne(mix.next());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void placeOne(MixedCall mixed) throws InterruptedException {
        String callId;
        long placing = System.nanoTime();
        try {
            callId = placer.place(mixed.flow(), mixed.call(), mixed.number());
        } catch (RuntimeException e) {
            tally.ended(CallOutcome.NOT_PLACED, mixed.label() + ": " + e.getMessage());
            slots.release();
            Thread.sleep(100); // a platform refusing calls should not be hammered
            return;
        }
        tally.started();
        if (!mixed.call().outbound()) {
            timeToAnswer.rang(callId, placing);
        }
        if (mixed.sampled()) {
            eventToAction.track(callId);
        }
        client.newUntypedWorkflowStub(callId)
                .getResultAsync(settings.deadline().toMillis(), TimeUnit.MILLISECONDS, CallResult.class)
                .whenCompleteAsync((result, error) -> finish(mixed, callId, result, error), finishers);
    }

    private void finish(MixedCall mixed, String callId, CallResult result, Throwable error) {
        try {
            String label = callId + " " + mixed.label();
            if (error == null) {
                List<String> problems = Expectations.checkOutcome(mixed.call().expect(), result);
                if (problems.isEmpty()) {
                    tally.ended(CallOutcome.MET_EXPECT, null);
                } else {
                    tally.ended(CallOutcome.FAILED_EXPECT, label + ": " + String.join("; ", problems));
                }
                return;
            }
            Throwable cause = unwrap(error);
            if (cause instanceof TimeoutException) {
                tally.ended(CallOutcome.STUCK, label + ": still running after " + settings.deadline().toSeconds()
                        + " s; " + whereItIs(callId));
            } else if (cause instanceof WorkflowFailedException failed) {
                tally.ended(CallOutcome.FAILED_EXPECT, label + ": the workflow failed: "
                        + (failed.getCause() == null ? failed.getMessage() : failed.getCause().getMessage()));
            } else if (cause instanceof WorkflowNotFoundException) {
                tally.ended(CallOutcome.LOST, label + ": no workflow");
            } else {
                tally.ended(CallOutcome.LOST, label + ": could not be followed: " + cause);
            }
        } catch (RuntimeException e) {
            tally.ended(CallOutcome.LOST, callId + " " + mixed.label() + ": checking it failed: " + e);
        } finally {
            eventToAction.forget(callId);
            timeToAnswer.forget(callId);
            histories.ended(callId);
            slots.release();
        }
    }

    /** For a stuck call: the node it is on and what it waits for, from its {@code state} query. */
    private String whereItIs(String callId) {
        try {
            WorkflowStub stub = client.newUntypedWorkflowStub(callId);
            CallStateView view = stub.query("state", CallStateView.class);
            return "status " + view.status() + " at '" + view.currentNode() + "', waiting for "
                    + (view.waitingFor() == null ? "nothing" : view.waitingFor()) + ", path " + view.path();
        } catch (RuntimeException e) {
            return "its state query failed: " + e.getMessage();
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

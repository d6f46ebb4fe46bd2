package org.openivr.cli.soak;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raw Temporal signal to activity latency, measured in the same JVM and on the same server as the calls: a
 * {@link SignalProbeWorkflow} at a time on its own task queue and worker (configured like the call worker), signalled
 * every {@code period}; the activity records signal sent to activity started.
 */
final class SignalProbe implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SignalProbe.class);
    private static final String TASK_QUEUE = "ivr-soak-probe";
    /** Signals per probe workflow: about as many events as a call's history. */
    static final int PINGS_PER_WORKFLOW = 50;
    private final ProbeActivityImpl latency;
    private final AtomicLong failedSignals = new AtomicLong();
    private final AtomicLong skippedTicks = new AtomicLong();
    private final WorkflowClient client;
    private final WorkerFactory factory;
    private final ScheduledExecutorService pinger;
    private WorkflowStub current;
    private int sentToCurrent;

    private SignalProbe(ProbeActivityImpl latency, WorkflowClient client, WorkerFactory factory, ScheduledExecutorService pinger) {
        this.latency = latency;
        this.client = client;
        this.factory = factory;
        this.pinger = pinger;
    }

    /** Sticky, as the platform's own call worker is. */
    static SignalProbe start(WorkflowClient client, Duration period) {
        WorkerFactory factory = WorkerFactory.newInstance(client);
        Worker worker = factory.newWorker(TASK_QUEUE, WorkerOptions.getDefaultInstance());
        worker.registerWorkflowImplementationTypes(SignalProbeWorkflowImpl.class);
        ProbeActivityImpl latency = new ProbeActivityImpl(new LatencyRecorder());
        worker.registerActivitiesImplementations(latency);
        factory.start();
        ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "soak-probe-signals");
            t.setDaemon(true);
            return t;
        });
        SignalProbe probe = new SignalProbe(latency, client, factory, pinger);
        pinger.scheduleAtFixedRate(probe::ping, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
        return probe;
    }

    /**
     * The pinger's thread only. One signal at a time: a tick while the previous signal's activity has not started
     * is skipped, so a slow moment shows as one long sample, not as a queue that every later sample waits behind.
     */
    private void ping() {
        if (!latency.idle()) {
            skippedTicks.incrementAndGet();
            return;
        }
        try {
            if (current == null || sentToCurrent == PINGS_PER_WORKFLOW) {
                SignalProbeWorkflow next = client.newWorkflowStub(SignalProbeWorkflow.class, WorkflowOptions.newBuilder()
                        .setTaskQueue(TASK_QUEUE).setWorkflowId("soak-probe-" + UUID.randomUUID()).build());
                WorkflowClient.start(next::run, PINGS_PER_WORKFLOW);
                current = WorkflowStub.fromTyped(next);
                sentToCurrent = 0;
            }
            sentToCurrent++;
            latency.sent();
            current.signal("ping", System.nanoTime());
        } catch (RuntimeException e) {
            latency.abandon();
            if (failedSignals.incrementAndGet() <= 3) {
                log.warn("soak-probe signal failed: {}", e.toString());
            }
        }
    }

    LatencyRecorder latency() {
        return latency.recorder();
    }

    long failedSignals() {
        return failedSignals.get();
    }

    /** Ticks skipped because the previous signal's activity had not started yet. */
    long skippedTicks() {
        return skippedTicks.get();
    }

    @Override
    public void close() {
        pinger.shutdownNow();
        try {
            pinger.awaitTermination(5, TimeUnit.SECONDS);
            if (current != null) {
                current.terminate("soak finished");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.debug("soak-probe terminate: {}", e.toString());
        }
        factory.shutdownNow();
    }
}

package org.openivr.api.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openivr.workflows.metrics.IvrMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * {@code ivr_calls_active{flow}}: how many calls of each flow are open, counted from Temporal (the one source of
 * truth across every worker and API instance) every {@code ivr.ops.active-calls-interval}. A flow that had calls
 * and has none now reads 0.
 */
public class ActiveCallsMeter implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ActiveCallsMeter.class);
    private static final int LIMIT = 10_000;
    private final CallDirectory directory;
    private final MeterRegistry registry;
    private final Duration interval;
    private final Map<String, AtomicLong> byFlow = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;
    private volatile boolean warned;

    public ActiveCallsMeter(CallDirectory directory, MeterRegistry registry, Duration interval) {
        this.directory = directory;
        this.registry = registry;
        this.interval = interval;
    }

    /** Counts the open calls now. */
    public void refresh() {
        try {
            Map<String, Long> counts = directory.openCallsByFlow(LIMIT);
            byFlow.forEach((flow, value) -> value.set(counts.getOrDefault(flow, 0L)));
            counts.forEach((flow, count) -> gauge(flow).set(count));
            warned = false;
        } catch (RuntimeException e) {
            if (!warned) {
                log.warn("cannot count open calls for {}: {}", IvrMetrics.ACTIVE_CALLS, CallDirectory.shortError(e));
                warned = true;
            }
        }
    }

    private AtomicLong gauge(String flow) {
        return byFlow.computeIfAbsent(flow, name -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(IvrMetrics.ACTIVE_CALLS, value, AtomicLong::get).description("Open calls by flow")
                    .tag("flow", name).register(registry);
            return value;
        });
    }

    @Override
    public void start() {
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ivr-active-calls");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::refresh, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}

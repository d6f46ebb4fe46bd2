package org.openivr.workflows.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The platform's own metrics, one facade for every module that records them: the API (callback events), the
 * worker (ACS operations, node transitions, through Temporal interceptors), and the streaming worker (audio
 * streams, audio signals). Micrometer is already on every module's classpath through the Temporal SDK, so this
 * class adds no dependency; {@link #of(MeterRegistry)} gives every caller in one process the same instance, which
 * is what lets the API and the worker correlate the event-to-action latency of a call in-process.
 *
 * <p><b>Never call this from workflow code</b>: a workflow replays, and every replay would count again. Measure
 * from outside the workflow (client and worker interceptors), as the platform does.
 *
 * <p>Names as Prometheus shows them ({@code /actuator/prometheus}):
 * <ul>
 *   <li>{@code ivr_calls_active{flow}}: open calls per flow (registered by the API, polled from Temporal)</li>
 *   <li>{@code ivr_node_transitions_total{flow,node}}: nodes entered</li>
 *   <li>{@code ivr_acs_operation_seconds{operation,outcome}}: ACS request latency; outcome ok | retryable | rejected</li>
 *   <li>{@code ivr_acs_operation_failures_total{operation,source}}: failed ACS operations; source request (the
 *       request failed) or event (ACS reported the operation failed, e.g. PlayFailed)</li>
 *   <li>{@code ivr_acs_events_total{type}}: callback events received</li>
 *   <li>{@code ivr_event_to_action_seconds{operation}}: callback received by the API to the next ACS request of that
 *       call leaving the worker (histogram)</li>
 *   <li>{@code ivr_audio_streams}: audio streams open now</li>
 *   <li>{@code ivr_audio_signals_total{kind}}: audio signals sent to calls; {@code ivr_audio_signals_dropped_total{reason}}</li>
 * </ul>
 */
public final class IvrMetrics {
    public static final String ACTIVE_CALLS = "ivr.calls.active";
    public static final String NODE_TRANSITIONS = "ivr.node.transitions";
    public static final String ACS_OPERATION = "ivr.acs.operation";
    public static final String ACS_FAILURES = "ivr.acs.operation.failures";
    public static final String ACS_EVENTS = "ivr.acs.events";
    public static final String EVENT_TO_ACTION = "ivr.event.to.action";
    public static final String AUDIO_STREAMS = "ivr.audio.streams";
    public static final String AUDIO_SIGNALS = "ivr.audio.signals";
    public static final String AUDIO_SIGNALS_DROPPED = "ivr.audio.signals.dropped";

    /** An event the call has not acted on within this long is not paired with a later request. */
    static final Duration PAIRING_WINDOW = Duration.ofSeconds(60);
    private static final int MAX_PENDING = 10_000;
    private static final Map<MeterRegistry, IvrMetrics> INSTANCES = new WeakHashMap<>();

    private final MeterRegistry registry;
    private final AtomicInteger audioStreams = new AtomicInteger();
    /** callId -> System.nanoTime() of the latest callback event the call has not yet answered with an ACS request. */
    private final Map<String, Long> unanswered = new ConcurrentHashMap<>();

    private IvrMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge(AUDIO_STREAMS, audioStreams);
    }

    /** The metrics of this registry; every caller with the same registry gets the same instance. */
    public static IvrMetrics of(MeterRegistry registry) {
        synchronized (INSTANCES) {
            return INSTANCES.computeIfAbsent(registry, IvrMetrics::new);
        }
    }

    /** Metrics that go nowhere a scrape sees, for code that runs without a registry (tests, tools). */
    public static IvrMetrics detached() {
        return new IvrMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    // ---- the call's flow ----

    public void nodeEntered(String flow, String node) {
        Counter.builder(NODE_TRANSITIONS).description("Nodes entered by calls")
                .tag("flow", orUnknown(flow)).tag("node", orUnknown(node)).register(registry).increment();
    }

    // ---- ACS ----

    /** One ACS request (an activity attempt) finished: {@code outcome} ok, retryable or rejected. */
    public void acsOperation(String operation, Duration latency, String outcome) {
        Timer.builder(ACS_OPERATION).description("ACS request latency by operation, per attempt")
                .tag("operation", orUnknown(operation)).tag("outcome", orUnknown(outcome))
                .publishPercentileHistogram().register(registry).record(latency);
        if (!"ok".equals(outcome)) {
            acsFailure(operation, "request");
        }
    }

    /** An ACS operation failed: {@code source} request (the HTTP request failed) or event (a *Failed event). */
    public void acsFailure(String operation, String source) {
        Counter.builder(ACS_FAILURES).description("Failed ACS operations")
                .tag("operation", orUnknown(operation)).tag("source", orUnknown(source)).register(registry).increment();
    }

    /** A callback event reached the API. */
    public void callbackEvent(String type) {
        Counter.builder(ACS_EVENTS).description("ACS callback events received").tag("type", orUnknown(type))
                .register(registry).increment();
    }

    /**
     * Starts the event-to-action clock of a call, from this event: when several arrive before the call acts, the
     * latest is the one it acts on (the others were not for it, or were duplicates).
     */
    public void eventReceived(String callId) {
        if (callId == null) {
            return;
        }
        if (unanswered.size() >= MAX_PENDING) {
            long oldest = System.nanoTime() - PAIRING_WINDOW.toNanos();
            unanswered.values().removeIf(at -> at < oldest);
        }
        unanswered.put(callId, System.nanoTime());
    }

    /** An ACS request for a call is leaving: records the time since the event it answers, if any. */
    public void acsRequestSent(String callId, String operation) {
        Long received = callId == null ? null : unanswered.remove(callId);
        if (received == null) {
            return;
        }
        long nanos = System.nanoTime() - received;
        if (nanos > PAIRING_WINDOW.toNanos()) {
            return;
        }
        Timer.builder(EVENT_TO_ACTION).description("Callback event received to the next ACS request of the call")
                .tag("operation", orUnknown(operation)).publishPercentileHistogram()
                .register(registry).record(Duration.ofNanos(nanos));
    }

    /** The call answered its last event with a pause (a {@code wait}), not a request: that is no latency. */
    public void eventAnsweredWithoutRequest(String callId) {
        callEnded(callId);
    }

    /** The call ended: forget its clock. */
    public void callEnded(String callId) {
        if (callId != null) {
            unanswered.remove(callId);
        }
    }

    // ---- audio (the streaming worker) ----

    public void audioStreamStarted() {
        audioStreams.incrementAndGet();
    }

    public void audioStreamEnded() {
        audioStreams.updateAndGet(n -> Math.max(0, n - 1));
    }

    /** An audio signal (speech started, silence, key, phrase, ...) was sent to a call. */
    public void audioSignal(String kind) {
        Counter.builder(AUDIO_SIGNALS).description("Audio signals sent to calls").tag("kind", orUnknown(kind))
                .register(registry).increment();
    }

    /** An audio signal could not be delivered or was shed (queue full, call gone, ...). */
    public void audioSignalDropped(String reason) {
        Counter.builder(AUDIO_SIGNALS_DROPPED).description("Audio signals dropped").tag("reason", orUnknown(reason))
                .register(registry).increment();
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? "unknown" : value;
    }
}

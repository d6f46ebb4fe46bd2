package org.openivr.cli.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.openivr.emulator.LedgerEntry;

/**
 * Event to action: from a callback arriving at the API ({@link CallbackArrivalFilter}) to the emulator executing
 * the next ACS request of the same call (its ledger, followed live). One sample per callback that a request
 * follows before the next callback; when two callbacks come before a request, the later one counts, so the
 * caller's own pauses never do. Only calls {@link #track tracked} are sampled: calls of flows whose next request
 * may wait on a workflow timer ({@code wait}, {@code listen}) are left out by the caller of this class.
 */
final class EventToAction {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLBACKS_PATH = "/api/callbacks/";
    private final LatencyRecorder latency = new LatencyRecorder();
    private final SlowestSamples slowest = new SlowestSamples(5);
    private final Map<String, AtomicLong> pendingByCallId = new ConcurrentHashMap<>();
    private final Map<String, String> callIdByConnection = new ConcurrentHashMap<>();
    private final Map<String, String> connectionByCallId = new ConcurrentHashMap<>();
    private final AtomicLong callbacks = new AtomicLong();
    private final AtomicLong superseded = new AtomicLong();
    private final AtomicLong unanswered = new AtomicLong();

    /** Samples this call's callbacks from now on. */
    void track(String callId) {
        pendingByCallId.putIfAbsent(callId, new AtomicLong());
    }

    /** The call ended: drop what is kept about it (a last callback nothing followed counts as unanswered). */
    void forget(String callId) {
        AtomicLong pending = pendingByCallId.remove(callId);
        if (pending != null && pending.get() != 0) {
            unanswered.incrementAndGet();
        }
        String connection = connectionByCallId.remove(callId);
        if (connection != null) {
            callIdByConnection.remove(connection);
        }
    }

    /** Tomcat's thread, before authentication and parsing: {@code callId} is the path's last segment. */
    void callbackArrived(String callId, long nanos) {
        AtomicLong pending = pendingByCallId.get(callId);
        if (pending == null) {
            return;
        }
        callbacks.incrementAndGet();
        if (pending.getAndSet(nanos) != 0) {
            superseded.incrementAndGet();
        }
    }

    /** The emulator's simulation thread, right after it executed a request. */
    void requestExecuted(LedgerEntry entry, long nanos) {
        String connection = entry.callConnectionId();
        if (connection == null) {
            return;
        }
        String callId = callIdByConnection.get(connection);
        if (callId == null) {
            // The call's first request names its workflow in the callback URI it gives ACS.
            callId = callIdIn(entry);
            if (callId == null) {
                return;
            }
            callIdByConnection.put(connection, callId);
            connectionByCallId.put(callId, connection);
        }
        AtomicLong pending = pendingByCallId.get(callId);
        if (pending == null) {
            return;
        }
        long callbackAt = pending.getAndSet(0);
        if (callbackAt != 0) {
            latency.recordNanos(nanos - callbackAt);
            slowest.offer(callId, entry.operation(), nanos - callbackAt);
        }
    }

    /** The workflow id in an answer's or create call's {@code callbackUri}, or null. */
    static String callIdIn(LedgerEntry entry) {
        if (!entry.operation().equals("answer") && !entry.operation().equals("createCall")) {
            return null;
        }
        try {
            JsonNode body = JSON.readTree(entry.requestBody());
            String uri = body == null ? "" : body.path("callbackUri").asText("");
            int at = uri.indexOf(CALLBACKS_PATH);
            if (at < 0) {
                return null;
            }
            String callId = uri.substring(at + CALLBACKS_PATH.length());
            int end = callId.indexOf('?');
            return end < 0 ? callId : callId.substring(0, end);
        } catch (IOException e) {
            return null;
        }
    }

    LatencyRecorder latency() {
        return latency;
    }

    SlowestSamples slowest() {
        return slowest;
    }

    /** Callbacks of tracked calls, how many another callback overtook before a request, and how many nothing followed. */
    CallbackCounts counts() {
        return new CallbackCounts(callbacks.get(), superseded.get(), unanswered.get());
    }

    record CallbackCounts(long callbacks, long superseded, long unanswered) {}
}

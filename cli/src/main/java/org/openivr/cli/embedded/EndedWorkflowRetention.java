package org.openivr.cli.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Forgets a workflow some time after it ended, as a real Temporal cluster's namespace retention does. Written by hand
 * because Temporal's test server has no retention at all: it keeps every ended workflow's state and history in memory
 * until it stops (about 70 KB per call, docs/benchmarks.md), so {@code ivr serve} and {@code ivr soak} grew without
 * bound. A workflow is forgotten {@code keep} after a sweep first saw it ended, from the server's three maps of
 * executions (under the server's lock), then its history store (under the store's lock), its search attributes and
 * the timers that still hold it. Afterwards the server answers for it as for a workflow it never had
 * ({@code NOT_FOUND}), which is what a cluster does once retention has passed. Running workflows are never touched.
 */
final class EndedWorkflowRetention {
    private final ServerMaps server;
    private final long keepNanos;
    /** Ended executions by the time a sweep first saw them ended. Touched only in {@link #sweep}, one at a time. */
    private final Map<Object, Long> endedSince = new HashMap<>();
    private volatile long held;
    private volatile long forgotten;

    /**
     * The maps and locks inside the test server that hold a workflow; {@link TestServerRepairs} finds them.
     *
     * @param ended         whether a workflow's mutable state has reached a terminal state
     * @param releaseTimers lets go of the server's timers that still hold these forgotten mutable states
     */
    record ServerMaps(Lock serviceLock, Map<Object, Object> executions, Map<Object, Object> executionsByWorkflowId,
                      Map<Object, Object> executionsByChain, Lock storeLock, Map<Object, Object> histories,
                      Map<Object, Object> searchAttributes, Predicate<Object> ended,
                      Consumer<Set<Object>> releaseTimers) {}

    EndedWorkflowRetention(ServerMaps server, Duration keep) {
        if (keep.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative: " + keep);
        }
        this.server = server;
        this.keepNanos = keep.toNanos();
    }

    /**
     * Forgets the workflows that ended at least {@code keep} before {@code now}.
     *
     * @param now {@link System#nanoTime()}, or a test's clock
     * @return how many were forgotten
     */
    synchronized int sweep(long now) {
        List<Object> expired = new ArrayList<>();
        Set<Object> expiredStates = Collections.newSetFromMap(new IdentityHashMap<>());
        server.serviceLock().lock();
        try {
            Set<Object> present = new HashSet<>();
            for (Map.Entry<Object, Object> execution : server.executions().entrySet()) {
                if (!server.ended().test(execution.getValue())) {
                    continue;
                }
                present.add(execution.getKey());
                long since = endedSince.computeIfAbsent(execution.getKey(), key -> now);
                if (now - since >= keepNanos) {
                    expired.add(execution.getKey());
                    expiredStates.add(execution.getValue());
                }
            }
            endedSince.keySet().retainAll(present);
            for (Object id : expired) {
                server.executions().remove(id);
                endedSince.remove(id);
            }
            // These two point at a workflow id's (or a continue-as-new chain's) latest run: only that run's entry goes.
            server.executionsByWorkflowId().values().removeIf(expiredStates::contains);
            server.executionsByChain().values().removeIf(expiredStates::contains);
            held = endedSince.size();
        } finally {
            server.serviceLock().unlock();
        }
        if (expired.isEmpty()) {
            return 0;
        }
        server.storeLock().lock();
        try {
            expired.forEach(server.histories()::remove);
        } finally {
            server.storeLock().unlock();
        }
        expired.forEach(server.searchAttributes()::remove);
        server.releaseTimers().accept(expiredStates);
        forgotten += expired.size();
        return expired.size();
    }

    /** Ended workflows the server still holds, as of the last sweep. */
    long held() {
        return held;
    }

    /** Ended workflows forgotten so far. */
    long forgotten() {
        return forgotten;
    }

    Duration keep() {
        return Duration.ofNanos(keepNanos);
    }
}

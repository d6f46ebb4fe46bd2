package org.openivr.cli.embedded;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.function.Predicate;

/**
 * The test server's map of histories, for the one reader that walks it without the store's lock: its list of
 * workflows (behind ListOpen/ListClosedWorkflowExecutions, which the active-calls meter calls) iterated the map while
 * calls were being saved, and threw {@code ConcurrentModificationException}, or read the first event of a history
 * that had none yet. Every other use of the map is under the lock and goes straight to the {@link HashMap}; its entry
 * set is a copy taken under the lock, of the histories that have begun.
 */
final class HistoriesListedUnderLock<K, V> extends HashMap<K, V> {
    private final transient Lock lock;
    private final transient Predicate<V> begun;

    HistoriesListedUnderLock(Lock lock, Predicate<V> begun) {
        this.lock = lock;
        this.begun = begun;
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        Map<K, V> copy = new LinkedHashMap<>();
        lock.lock();
        try {
            for (Map.Entry<K, V> entry : super.entrySet()) {
                if (begun.test(entry.getValue())) {
                    copy.put(entry.getKey(), entry.getValue());
                }
            }
        } finally {
            lock.unlock();
        }
        return copy.entrySet();
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}

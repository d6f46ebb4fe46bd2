package org.openivr.cli.embedded;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Predicate;

/**
 * Stands in for the test server's list of time-skipping lock events ({@code SelfAdvancingTimerImpl.lockEvents}),
 * which the server keeps "for debugging" and never trims: it appends an event for every lock and unlock, removes a
 * lock's event only when the lock was taken through a handle, and finds it by a linear scan. After a few thousand
 * calls every task spent most of its time in that scan.
 *
 * <p>This keeps what the server reads back: the lock events whose handle is still held (a handle's unlock must find
 * its event, or the server reports unbalanced locks). Unlock events are not kept, and lock events nobody holds a handle
 * to are dropped by the garbage collector (they were never going to be removed). Removal is a hash lookup. Only the
 * server's diagnostics iterate it; they now list the outstanding locks, unordered.
 *
 * <p>The server uses exactly {@code add}, {@code remove(Object)} and {@code iterator} (checked against
 * temporal-test-server 1.38.0; {@link TestServerRepairs} installs it for that version only). Every use is under the
 * timer's own lock, so this needs none.
 */
final class OutstandingTimeLocks extends LinkedList<Object> {
    private final transient Set<Object> held = Collections.newSetFromMap(new WeakHashMap<>());
    private final transient Predicate<Object> isUnlockEvent;

    OutstandingTimeLocks(Predicate<Object> isUnlockEvent) {
        this.isUnlockEvent = isUnlockEvent;
    }

    @Override
    public boolean add(Object event) {
        if (!isUnlockEvent.test(event)) {
            held.add(event);
        }
        return true;
    }

    @Override
    public boolean addAll(Collection<?> events) {
        events.forEach(this::add);
        return !events.isEmpty();
    }

    @Override
    public boolean remove(Object event) {
        return held.remove(event);
    }

    @Override
    public Iterator<Object> iterator() {
        return new ArrayList<>(held).iterator();
    }

    @Override
    public int size() {
        return held.size();
    }

    @Override
    public boolean isEmpty() {
        return held.isEmpty();
    }
}

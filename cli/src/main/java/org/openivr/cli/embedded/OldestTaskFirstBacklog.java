package org.openivr.cli.embedded;

import java.util.Comparator;
import java.util.Iterator;
import java.util.PriorityQueue;

/**
 * Stands in for a test server task queue's backlog ({@code TaskQueue.backlog}), a {@link PriorityQueue} ordered by
 * the tasks' priority key alone. With every task at one priority a binary heap hands out the task added last, so under
 * a backlog the newest task went first and the oldest waited until the backlog drained: minutes, in `ivr soak`. A
 * real Temporal server serves tasks of one priority in the order they came; so does this, by numbering them.
 *
 * <p>The server calls {@code add}, {@code isEmpty} and {@code poll} (checked against temporal-test-server 1.38.0),
 * always inside the task queue's own {@code synchronized} methods.
 */
final class OldestTaskFirstBacklog extends PriorityQueue<Object> {
    private final transient PriorityQueue<Numbered> tasks;
    private long added;

    private record Numbered(Object task, long number) {
    }

    OldestTaskFirstBacklog(Comparator<Object> byPriority) {
        super(1);
        Comparator<Numbered> byTask = (a, b) -> byPriority.compare(a.task(), b.task());
        this.tasks = new PriorityQueue<>(byTask.thenComparingLong(Numbered::number));
    }

    @Override
    public boolean add(Object task) {
        return offer(task);
    }

    @Override
    public boolean offer(Object task) {
        return tasks.offer(new Numbered(task, added++));
    }

    @Override
    public Object poll() {
        Numbered first = tasks.poll();
        return first == null ? null : first.task();
    }

    @Override
    public Object peek() {
        Numbered first = tasks.peek();
        return first == null ? null : first.task();
    }

    @Override
    public int size() {
        return tasks.size();
    }

    @Override
    public boolean isEmpty() {
        return tasks.isEmpty();
    }

    @Override
    public void clear() {
        tasks.clear();
    }

    @Override
    public Iterator<Object> iterator() {
        return tasks.stream().map(Numbered::task).iterator();
    }
}

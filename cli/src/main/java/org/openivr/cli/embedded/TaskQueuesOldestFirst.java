package org.openivr.cli.embedded;

import java.util.HashMap;
import java.util.function.UnaryOperator;

/**
 * Stands in for the test server's map of task queues by name ({@code TestWorkflowStoreImpl.activityTaskQueues} and
 * {@code workflowTaskQueues}) so that each task queue, as the server creates it and before it holds a task, gets an
 * {@link OldestTaskFirstBacklog}. The server creates a queue with {@code get}, then {@code put}, under its store lock
 * (checked against temporal-test-server 1.38.0).
 */
final class TaskQueuesOldestFirst extends HashMap<Object, Object> {
    private final transient UnaryOperator<Object> repairQueue;

    TaskQueuesOldestFirst(UnaryOperator<Object> repairQueue) {
        this.repairQueue = repairQueue;
    }

    @Override
    public Object put(Object name, Object taskQueue) {
        return super.put(name, repairQueue.apply(taskQueue));
    }
}

package org.openivr.cli.embedded;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskFailedResponse;
import io.temporal.internal.testservice.ExecutionId;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.internal.testservice.TestWorkflowService;
import io.temporal.serviceclient.Version;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three repairs to Temporal's test server, the embedded server of {@code ivr serve}, {@code demo} and {@code soak}, made
 * by replacing three of its internal collections before it serves anything; a fourth that looks at task completions
 * before the server does ({@link StaleCancelsRetried}, temporalio/sdk-java#3088); and the retention it lacks
 * ({@link EndedWorkflowRetention}). All of them reach into the server's internals here, and only here. Written by hand
 * because the defects are in the server's internal classes, which offer no option for them, and no other Temporal
 * server runs from Maven Central (a real one needs the Temporal CLI binary). Measured with {@code ivr soak}
 * (docs/benchmarks.md):
 * <ul>
 *   <li>its timer's list of lock events grows by two per task and is scanned on every unlock
 *       ({@link OutstandingTimeLocks}): the server got slower with every call served and held memory for each;</li>
 *   <li>its task queues serve the newest task first when tasks wait ({@link OldestTaskFirstBacklog});</li>
 *   <li>its list of workflows reads the map of histories without the store's lock, and threw
 *       {@code ConcurrentModificationException} while calls were being saved ({@link HistoriesListedUnderLock}).</li>
 * </ul>
 * The layout was checked against temporal-test-server {@value #CHECKED_VERSION} only. The build takes the SDK and the
 * test server at one version ({@code temporal.version} in the parent pom), so the SDK's version stands for the
 * server's. For any other version nothing is replaced; if a field is not as expected, what could not be repaired runs
 * as shipped. Either way a warning says so.
 */
final class TestServerRepairs {
    static final String CHECKED_VERSION = "1.38.0";
    private static final Logger log = LoggerFactory.getLogger(TestServerRepairs.class);
    private static final String SERVICE_PACKAGE = "io.temporal.internal.testservice.";

    private TestServerRepairs() {
    }

    /** @return whether all three repairs are in place */
    static boolean apply(TestServicesStarter services) {
        return apply(services, Version.LIBRARY_VERSION);
    }

    static boolean apply(TestServicesStarter services, String serverVersion) {
        if (!CHECKED_VERSION.equals(serverVersion)) {
            log.warn("Embedded Temporal {}: its timer, task-queue and history-list repairs were checked against {} only "
                    + "and are off; it slows down as calls accumulate and serves waiting tasks newest first",
                    serverVersion, CHECKED_VERSION);
            return false;
        }
        try {
            repairTimer(read(services, "selfAdvancingTimer"));
            repairTaskQueues(read(services, "workflowStore"));
            repairHistoryList(read(services, "workflowStore"));
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Embedded Temporal: could not repair its timer, task queues and history list ({}); it runs as shipped",
                    e.toString());
            return false;
        }
    }

    /**
     * @return the retention for this server, or null (with a warning) when its layout is not the one checked: then it
     *     keeps every ended workflow, as shipped
     */
    static EndedWorkflowRetention retention(TestServicesStarter services, Duration keep) {
        return retention(services, keep, Version.LIBRARY_VERSION);
    }

    static EndedWorkflowRetention retention(TestServicesStarter services, Duration keep, String serverVersion) {
        if (!CHECKED_VERSION.equals(serverVersion)) {
            log.warn("Embedded Temporal {}: retention was checked against {} only and is off; the server keeps every "
                    + "ended call until it stops", serverVersion, CHECKED_VERSION);
            return null;
        }
        try {
            Object service = services.getWorkflowService();
            Object store = read(services, "workflowStore");
            Method terminal = Class.forName(SERVICE_PACKAGE + "TestWorkflowMutableState")
                    .getDeclaredMethod("isTerminalState");
            terminal.setAccessible(true);
            Object timer = read(services, "selfAdvancingTimer");
            return new EndedWorkflowRetention(new EndedWorkflowRetention.ServerMaps(read(service, "lock"),
                    read(service, "executions"), read(service, "executionsByWorkflowId"),
                    read(service, "executionsByFirstExecutionRunId"), read(store, "lock"), read(store, "histories"),
                    read(read(services, "visibilityStore"), "executionSearchAttributes"), state -> {
                        try {
                            return (Boolean) terminal.invoke(state);
                        } catch (ReflectiveOperationException e) {
                            throw new IllegalStateException(e);
                        }
                    }, forgotten -> releaseTimersOf(timer, forgotten)), keep);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Embedded Temporal: no retention ({}); the server keeps every ended call until it stops", e.toString());
            return null;
        }
    }

    /**
     * @return the interceptor that keeps a completion cancelling a fired timer from losing its task, or null (with a
     *     warning) when the server's layout is not the one checked: then such a call stops, as shipped
     */
    static StaleCancelsRetried staleCancels(TestServicesStarter services) {
        return staleCancels(services, Version.LIBRARY_VERSION);
    }

    static StaleCancelsRetried staleCancels(TestServicesStarter services, String serverVersion) {
        if (!CHECKED_VERSION.equals(serverVersion)) {
            log.warn("Embedded Temporal {}: the repair of timers cancelled as they fire was checked against {} only and "
                    + "is off; a call may stop under load (temporalio/sdk-java#3088)", serverVersion, CHECKED_VERSION);
            return null;
        }
        try {
            TestWorkflowService service = services.getWorkflowService();
            Class<?> tokenType = Class.forName(SERVICE_PACKAGE + "WorkflowTaskToken");
            Method fromBytes = accessible(tokenType.getDeclaredMethod("fromBytes", ByteString.class));
            Method executionOf = accessible(tokenType.getDeclaredMethod("getExecutionId"));
            Method historySizeOf = accessible(tokenType.getDeclaredMethod("getHistorySize"));
            Method mutableState = accessible(TestWorkflowService.class.getDeclaredMethod("getMutableState",
                    ExecutionId.class, boolean.class));
            Class<?> stateType = Class.forName(SERVICE_PACKAGE + "TestWorkflowMutableStateImpl");
            Field lock = accessible(stateType.getDeclaredField("lock"));
            Field timers = accessible(stateType.getDeclaredField("timers"));
            Field activities = accessible(stateType.getDeclaredField("activities"));
            Field nextEventId = accessible(stateType.getDeclaredField("nextEventId"));
            if (!Lock.class.isAssignableFrom(lock.getType()) || !Map.class.isAssignableFrom(timers.getType())
                    || !Map.class.isAssignableFrom(activities.getType()) || nextEventId.getType() != long.class) {
                throw new IllegalStateException("TestWorkflowMutableStateImpl is not laid out as in " + CHECKED_VERSION);
            }
            return new StaleCancelsRetried(token -> {
                try {
                    Object parsed = fromBytes.invoke(null, token);
                    ExecutionId id = (ExecutionId) executionOf.invoke(parsed);
                    Object state = mutableState.invoke(service, id, false);
                    if (!stateType.isInstance(state)) {
                        return null;
                    }
                    return new ReflectedExecution(id.getExecution().getWorkflowId(), (Lock) lock.get(state),
                            (Map<?, ?>) timers.get(state), (Map<?, ?>) activities.get(state),
                            () -> nextEventId.getLong(state) == (int) historySizeOf.invoke(parsed) + 1L);
                } catch (ReflectiveOperationException e) {
                    // A token the server cannot read either: it answers it as shipped.
                    return null;
                }
            }, failed -> {
                FailedTaskAnswer answer = new FailedTaskAnswer();
                service.respondWorkflowTaskFailed(failed, answer);
                if (answer.error != null) {
                    throw new IllegalStateException(answer.error);
                }
            });
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Embedded Temporal: timers cancelled as they fire are not repaired ({}); a call may stop under load "
                    + "(temporalio/sdk-java#3088)", e.toString());
            return null;
        }
    }

    /** The server's state of one execution, read through the fields found above. */
    private record ReflectedExecution(String workflowId, Lock lock, Map<?, ?> timers, Map<?, ?> activities,
                                      CurrentTask current) implements StaleCancelsRetried.Execution {
        @Override
        public boolean runsItsTask() {
            try {
                return current.check();
            } catch (ReflectiveOperationException e) {
                return false;
            }
        }

        @Override
        public boolean hasTimer(String timerId) {
            return timers.containsKey(timerId);
        }

        @Override
        public boolean hasActivity(long scheduledEventId) {
            return activities.containsKey(scheduledEventId);
        }
    }

    @FunctionalInterface
    private interface CurrentTask {
        boolean check() throws ReflectiveOperationException;
    }

    /** The answer of the server's RespondWorkflowTaskFailed, which it gives in the calling thread. */
    private static final class FailedTaskAnswer implements StreamObserver<RespondWorkflowTaskFailedResponse> {
        private Throwable error;

        @Override
        public void onNext(RespondWorkflowTaskFailedResponse value) {
        }

        @Override
        public void onError(Throwable t) {
            error = t;
        }

        @Override
        public void onCompleted() {
        }
    }

    private static <T extends java.lang.reflect.AccessibleObject> T accessible(T member) {
        member.setAccessible(true);
        return member;
    }

    private static void repairTimer(Object timer) throws ReflectiveOperationException {
        Field lockType = Class.forName(SERVICE_PACKAGE + "SelfAdvancingTimerImpl$LockEvent").getDeclaredField("lockType");
        lockType.setAccessible(true);
        OutstandingTimeLocks outstanding = new OutstandingTimeLocks(event -> {
            try {
                return "UNLOCK".equals(((Enum<?>) lockType.get(event)).name());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        });
        Lock lock = read(timer, "lock");
        lock.lock();
        try {
            LinkedList<?> shipped = read(timer, "lockEvents");
            outstanding.addAll(shipped);
            write(timer, "lockEvents", outstanding);
        } finally {
            lock.unlock();
        }
    }

    private static Field timerTaskField(String name) throws ReflectiveOperationException {
        Field field = Class.forName(SERVICE_PACKAGE + "SelfAdvancingTimerImpl$TimerTask").getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    /**
     * Drops the timers that hold one of {@code workflows} (mutable states the retention forgot), and every canceled
     * timer. The server's timer queue keeps a canceled timer until it is due, with the whole state of its workflow:
     * every workflow's run timeout is due in years and is canceled when the workflow ends. The timeouts of activities
     * are never canceled and hold their workflow until due (a recording's upload may take 24 h). A forgotten workflow
     * has ended, so none of its timers could do anything when due. The queue's pump is woken after: it handles a queue
     * that became empty as one it emptied itself.
     */
    private static void releaseTimersOf(Object timer, Set<Object> workflows) {
        try {
            Field canceled = timerTaskField("canceled");
            Field runnable = timerTaskField("runnable");
            Lock lock = read(timer, "lock");
            lock.lock();
            try {
                PriorityQueue<Object> tasks = read(timer, "tasks");
                Set<Object> dropped = Collections.newSetFromMap(new IdentityHashMap<>());
                for (Object task : tasks) {
                    if (canceled.getBoolean(task) || captures(runnable.get(task), workflows)) {
                        dropped.add(task);
                    }
                }
                tasks.removeIf(dropped::contains);
                Condition pump = read(timer, "condition");
                pump.signalAll();
            } finally {
                lock.unlock();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Embedded Temporal: the timers of forgotten calls could not be dropped ({}); they keep those calls in "
                    + "memory until due", e.toString());
        }
    }

    /** Whether a callback (a lambda) captured one of {@code objects}. */
    private static boolean captures(Object callback, Set<Object> objects) throws IllegalAccessException {
        if (callback == null) {
            return false;
        }
        for (Field field : callback.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()
                    || !field.trySetAccessible()) {
                continue;
            }
            if (objects.contains(field.get(callback))) {
                return true;
            }
        }
        return false;
    }

    private static void repairTaskQueues(Object store) throws ReflectiveOperationException {
        Field backlog = Class.forName(SERVICE_PACKAGE + "TaskQueue").getDeclaredField("backlog");
        backlog.setAccessible(true);
        if (backlog.getType() != PriorityQueue.class) {
            throw new IllegalStateException("TaskQueue.backlog is a " + backlog.getType());
        }
        Lock lock = read(store, "lock");
        lock.lock();
        try {
            for (String name : new String[] {"activityTaskQueues", "workflowTaskQueues"}) {
                Map<Object, Object> shipped = read(store, name);
                TaskQueuesOldestFirst repaired = new TaskQueuesOldestFirst(queue -> withOldestFirstBacklog(queue, backlog));
                shipped.forEach(repaired::put);
                write(store, name, repaired);
            }
        } finally {
            lock.unlock();
        }
    }

    private static void repairHistoryList(Object store) throws ReflectiveOperationException {
        Field events = Class.forName(SERVICE_PACKAGE + "TestWorkflowStoreImpl$HistoryStore").getDeclaredField("history");
        events.setAccessible(true);
        Lock lock = read(store, "lock");
        HistoriesListedUnderLock<Object, Object> repaired = new HistoriesListedUnderLock<>(lock, history -> {
            try {
                return !((List<?>) events.get(history)).isEmpty();
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        });
        lock.lock();
        try {
            Map<Object, Object> shipped = read(store, "histories");
            repaired.putAll(shipped);
            write(store, "histories", repaired);
        } finally {
            lock.unlock();
        }
    }

    @SuppressWarnings("unchecked")
    private static Object withOldestFirstBacklog(Object taskQueue, Field backlog) {
        try {
            PriorityQueue<Object> shipped = (PriorityQueue<Object>) backlog.get(taskQueue);
            if (shipped instanceof OldestTaskFirstBacklog) {
                return taskQueue;
            }
            OldestTaskFirstBacklog repaired = new OldestTaskFirstBacklog((Comparator<Object>) shipped.comparator());
            for (Object task; (task = shipped.poll()) != null; ) {
                repaired.add(task);
            }
            backlog.set(taskQueue, repaired);
            return taskQueue;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T read(Object owner, String name) throws ReflectiveOperationException {
        Field field = owner.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return (T) field.get(owner);
    }

    private static void write(Object owner, String name, Object value) throws ReflectiveOperationException {
        Field field = owner.getClass().getDeclaredField(name);
        field.setAccessible(true);
        if (!field.getType().isInstance(value)) {
            throw new IllegalStateException(owner.getClass().getSimpleName() + "." + name + " is a " + field.getType());
        }
        field.set(owner, value);
    }
}

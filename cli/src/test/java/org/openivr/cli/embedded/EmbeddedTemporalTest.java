package org.openivr.cli.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowTaskFailedCause;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What the repairs of the embedded server change, the first two and the one for #3088 next to the server as shipped
 * (which also shows the defect is still there: when Temporal fixes it, the "as shipped" half fails and the repair can
 * go), and its retention of ended workflows.
 */
class EmbeddedTemporalTest {
    private static final String QUEUE = "embedded-test";

    @WorkflowInterface
    public interface Steps {
        @WorkflowMethod
        void run(int activities);
    }

    @ActivityInterface
    public interface Step {
        void step();
    }

    public static class StepsImpl implements Steps {
        @Override
        public void run(int activities) {
            Step step = Workflow.newActivityStub(Step.class,
                    ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());
            for (int i = 0; i < activities; i++) {
                step.step();
            }
        }
    }

    public static class StepImpl implements Step {
        @Override
        public void step() {
        }
    }

    @WorkflowInterface
    public interface Race {
        @WorkflowMethod
        String run();

        @SignalMethod
        void go();
    }

    /**
     * Waits for a timer or a signal; on the signal, its task runs until the timer has fired on the server, then cancels
     * the timer if the task has not seen it fire: the completion of temporalio/sdk-java#3088.
     */
    public static class RaceImpl implements Race {
        static final Duration TIMER = Duration.ofSeconds(2);
        private boolean go;

        @Override
        public String run() {
            long startedAt = Workflow.currentTimeMillis();
            List<Promise<Void>> timer = new ArrayList<>();
            CancellationScope scope = Workflow.newCancellationScope(() -> timer.add(Workflow.newTimer(TIMER)));
            scope.run();
            Workflow.await(() -> go || timer.get(0).isCompleted());
            long until = startedAt + TIMER.toMillis() + 1_000;
            while (System.currentTimeMillis() < until) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            if (timer.get(0).isCompleted()) {
                return "saw the timer fire";
            }
            scope.cancel();
            // Goes on in the same task, as a call does: a task that also completes the workflow is refused cleanly.
            Workflow.sleep(Duration.ofMillis(100));
            return "cancelled the timer";
        }

        @Override
        public void go() {
            go = true;
        }
    }

    @Test
    void aTaskThatCancelsATimerFiredWhileItRanIsHandedOutAgainNotLost() throws Exception {
        try (EmbeddedTemporal server = EmbeddedTemporal.start(0, Duration.ofHours(1)); Client client = new Client(server)) {
            Race race = race(client);

            assertThat(WorkflowStub.fromTyped(race).getResult(30, TimeUnit.SECONDS, String.class))
                    .isEqualTo("saw the timer fire");
            List<HistoryEvent> history = history(client, "race");
            assertThat(history).as("the race happened: the task that cancelled was failed and handed out again")
                    .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED
                            && e.getWorkflowTaskFailedEventAttributes().getCause()
                            == WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND);
            assertThat(history).extracting(HistoryEvent::getEventType)
                    .contains(EventType.EVENT_TYPE_TIMER_FIRED).doesNotContain(EventType.EVENT_TYPE_TIMER_CANCELED);
        }
    }

    /** As shipped, the same workflow never ends: its task is never handed out again. */
    @Test
    void asShippedATaskThatCancelsATimerFiredWhileItRanIsLost() throws Exception {
        try (EmbeddedTemporal server = EmbeddedTemporal.start(0, false); Client client = new Client(server)) {
            Race race = race(client);

            assertThatThrownBy(() -> WorkflowStub.fromTyped(race).getResult(10, TimeUnit.SECONDS, String.class))
                    .isInstanceOf(TimeoutException.class);
            assertThat(describe(client, "race").getWorkflowExecutionInfo().getStatus())
                    .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
        }
    }

    @Test
    void anotherServerVersionHasNoRepairOfCancelledTimers() throws Exception {
        TestServicesStarter services = new TestServicesStarter(true, 0);
        try {
            assertThat(TestServerRepairs.staleCancels(services, "1.99.0")).isNull();
            assertThat(TestServerRepairs.staleCancels(services, TestServerRepairs.CHECKED_VERSION)).isNotNull();
        } finally {
            services.close();
        }
    }

    /** Starts {@link Race} and signals it once its timer has started, so its next task runs as the timer fires. */
    private static Race race(Client client) throws InterruptedException {
        client.raceWorker();
        Race race = client.workflows.newWorkflowStub(Race.class,
                WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("race").build());
        WorkflowClient.start(race::run);
        awaitEvent(client, "race", EventType.EVENT_TYPE_TIMER_STARTED);
        race.go();
        return race;
    }

    private static List<HistoryEvent> history(Client client, String workflowId) {
        return client.stubs.blockingStub().getWorkflowExecutionHistory(GetWorkflowExecutionHistoryRequest.newBuilder()
                .setNamespace("default").setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                .build()).getHistory().getEventsList();
    }

    private static void awaitEvent(Client client, String workflowId, EventType type) throws InterruptedException {
        for (int i = 0; i < 1_000; i++) {
            if (history(client, workflowId).stream().anyMatch(e -> e.getEventType() == type)) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError(workflowId + " has no " + type + " after 1,000 looks");
    }

    @Test
    void theServerKeepsNoRecordOfTasksItHasFinished() throws Exception {
        int repaired = lockRecordsAfter(300, true);
        int shipped = lockRecordsAfter(300, false);

        assertThat(repaired).as("lock records held by the repaired server after 300 activities").isLessThan(10);
        assertThat(shipped).as("lock records held by the server as shipped after 300 activities").isGreaterThan(600);
    }

    @Test
    void waitingTasksAreServedOldestFirst() throws Exception {
        List<String> started = IntStream.range(0, 30).mapToObj(i -> "wf-" + i).toList();

        assertThat(servedOrder(started, true)).as("repaired").containsExactlyElementsOf(started);
        assertThat(servedOrder(started, false)).as("as shipped").containsExactlyInAnyOrderElementsOf(started)
                .isNotEqualTo(started);
    }

    @Test
    void anotherServerVersionIsLeftAsShipped() throws Exception {
        TestServicesStarter services = new TestServicesStarter(true, 0);
        try {
            assertThat(TestServerRepairs.apply(services, "1.99.0")).isFalse();
            assertThat(lockEvents(services)).hasSameClassAs(new java.util.LinkedList<>());
        } finally {
            services.close();
        }
    }

    @Test
    void anEndedWorkflowIsForgottenOnceTheRetentionHasPassedAndARunningOneNever() throws Exception {
        Duration keep = Duration.ofMinutes(10); // its own sweeper's first sweep comes after this test
        try (EmbeddedTemporal server = EmbeddedTemporal.start(0, keep); Client client = new Client(server)) {
            client.worker();
            client.workflows.newWorkflowStub(Steps.class,
                    WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("ended").build()).run(1);
            WorkflowClient.start(client.workflows.newWorkflowStub(Steps.class,
                    WorkflowOptions.newBuilder().setTaskQueue("no-worker-polls-this").setWorkflowId("running").build())::run, 1);
            EndedWorkflowRetention retention = server.retention();
            long t0 = 1_000_000_000L;

            assertThat(retention.sweep(t0)).as("first seen ended").isZero();
            assertThat(retention.sweep(t0 + keep.toNanos() - 1)).as("a nanosecond before the retention has passed").isZero();
            assertThat(server.endedWorkflowsHeld()).isEqualTo(1);
            assertThat(client.workflows.fetchHistory("ended").getEvents()).isNotEmpty();

            WeakReference<Object> state = new WeakReference<>(mutableState(server, "ended"));
            assertThat(retention.sweep(t0 + keep.toNanos())).as("once it has passed").isEqualTo(1);
            // Nothing holds its state any more: not the server's maps, not its timers (the run timeout, canceled when
            // it ended, and the activity's timeouts, never canceled, all held it).
            for (int i = 0; i < 50 && state.get() != null; i++) {
                System.gc();
                Thread.sleep(100);
            }
            assertThat(state.get()).as("the forgotten workflow's state, after collections").isNull();
            assertThat(server.endedWorkflowsHeld()).isZero();
            assertThat(server.endedWorkflowsForgotten()).isEqualTo(1);
            assertThatThrownBy(() -> client.workflows.fetchHistory("ended")).as("its history")
                    .hasMessageContaining("NOT_FOUND");
            assertThatThrownBy(() -> describe(client, "ended")).as("its state").hasMessageContaining("NOT_FOUND");

            assertThat(retention.sweep(t0 + 10 * keep.toNanos())).as("a running workflow, however old").isZero();
            assertThat(describe(client, "running").getWorkflowExecutionInfo().getStatus())
                    .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
            // The forgotten workflow's id is free again, and the new run is a workflow like any other.
            client.workflows.newWorkflowStub(Steps.class,
                    WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("ended").build()).run(1);
            assertThat(describe(client, "ended").getWorkflowExecutionInfo().getStatus())
                    .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
        }
    }

    @Test
    void theServerSweepsOnItsOwn() throws Exception {
        try (EmbeddedTemporal server = EmbeddedTemporal.start(0, Duration.ZERO); Client client = new Client(server)) {
            client.worker();
            client.workflows.newWorkflowStub(Steps.class,
                    WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("ended").build()).run(1);
            // Sweeps come a second apart: the first sees it ended, the next forgets it.
            for (int i = 0; i < 100 && server.endedWorkflowsForgotten() < 1; i++) {
                Thread.sleep(100);
            }
            assertThat(server.endedWorkflowsForgotten()).isEqualTo(1);
            assertThatThrownBy(() -> describe(client, "ended")).hasMessageContaining("NOT_FOUND");
        }
        assertThat(EmbeddedTemporal.sweepEvery(Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
        assertThat(EmbeddedTemporal.sweepEvery(Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(15));
        assertThat(EmbeddedTemporal.sweepEvery(Duration.ofHours(24))).isEqualTo(Duration.ofMinutes(1));
    }

    /** As shipped, the same listing failed in two of three runs (it is a race, so only the repaired half is asserted). */
    @Test
    void listingWorkflowsWhileOthersStartDoesNotFail() throws Exception {
        try (EmbeddedTemporal server = EmbeddedTemporal.start(0, Duration.ofHours(1)); Client client = new Client(server)) {
            AtomicReference<Throwable> listingFailed = new AtomicReference<>();
            AtomicInteger listed = new AtomicInteger();
            Thread lister = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted() && listingFailed.get() == null) {
                    try {
                        client.stubs.blockingStub().listOpenWorkflowExecutions(ListOpenWorkflowExecutionsRequest
                                .newBuilder().setNamespace("default").setMaximumPageSize(10_000).build());
                        listed.incrementAndGet();
                    } catch (RuntimeException e) {
                        if (!Thread.currentThread().isInterrupted()) {
                            listingFailed.set(e);
                        }
                        return;
                    }
                }
            });
            lister.start();
            try {
                for (int i = 0; i < 400; i++) {
                    WorkflowClient.start(client.workflows.newWorkflowStub(Steps.class,
                            WorkflowOptions.newBuilder().setTaskQueue("nobody").setWorkflowId("wf-" + i).build())::run, 0);
                }
            } finally {
                lister.interrupt();
                lister.join(10_000);
            }
            assertThat(listingFailed.get()).as("a listing while workflows were being started").isNull();
            assertThat(listed.get()).as("listings made").isPositive();
        }
    }

    @Test
    void anotherServerVersionHasNoRetention() throws Exception {
        TestServicesStarter services = new TestServicesStarter(true, 0);
        try {
            assertThat(TestServerRepairs.retention(services, Duration.ofMinutes(1), "1.99.0")).isNull();
        } finally {
            services.close();
        }
    }

    private static Object mutableState(EmbeddedTemporal server, String workflowId) throws ReflectiveOperationException {
        Map<?, ?> executions = (Map<?, ?>) field(server.services().getWorkflowService(), "executions");
        for (Map.Entry<?, ?> execution : executions.entrySet()) {
            Method id = execution.getKey().getClass().getMethod("getExecution");
            id.setAccessible(true);
            if (((WorkflowExecution) id.invoke(execution.getKey())).getWorkflowId().equals(workflowId)) {
                return execution.getValue();
            }
        }
        throw new IllegalStateException("no workflow " + workflowId);
    }

    private static DescribeWorkflowExecutionResponse describe(Client client, String workflowId) {
        return client.stubs.blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace("default").setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId)).build());
    }

    private static int lockRecordsAfter(int activities, boolean repaired) throws Exception {
        try (EmbeddedTemporal server = EmbeddedTemporal.start(0, repaired); Client client = new Client(server)) {
            client.worker();
            Steps steps = client.workflows.newWorkflowStub(Steps.class,
                    WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("steps").build());
            steps.run(activities);
            // Records of locks nobody holds are dropped by the garbage collector (and counted once it has): wait up
            // to 10 s for a collection to have finished reaching them.
            List<?> records = lockEvents(server.services());
            for (int i = 0; i < 100 && repaired && records.size() >= 10; i++) {
                System.gc();
                Thread.sleep(100);
            }
            return records.size();
        }
    }

    /** Starts the workflows with no worker polling, then takes their first tasks one by one, as a lone poller. */
    private static List<String> servedOrder(List<String> workflowIds, boolean repaired) throws Exception {
        try (EmbeddedTemporal server = EmbeddedTemporal.start(0, repaired); Client client = new Client(server)) {
            for (String id : workflowIds) {
                WorkflowClient.start(client.workflows.newWorkflowStub(Steps.class,
                        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build())::run, 0);
            }
            List<String> served = new ArrayList<>();
            for (int i = 0; i < workflowIds.size(); i++) {
                PollWorkflowTaskQueueResponse task = client.stubs.blockingStub().pollWorkflowTaskQueue(
                        PollWorkflowTaskQueueRequest.newBuilder().setNamespace("default")
                                .setTaskQueue(TaskQueue.newBuilder().setName(QUEUE)).setIdentity("test").build());
                served.add(task.getWorkflowExecution().getWorkflowId());
            }
            return served;
        }
    }

    private static List<?> lockEvents(TestServicesStarter services) throws ReflectiveOperationException {
        Object timer = field(services, "selfAdvancingTimer");
        return (List<?>) field(timer, "lockEvents");
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        Field field = owner.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(owner);
    }

    /** A client of the server, and on demand a worker. */
    private static final class Client implements AutoCloseable {
        final WorkflowServiceStubs stubs;
        final WorkflowClient workflows;
        private WorkerFactory factory;

        Client(EmbeddedTemporal server) {
            stubs = WorkflowServiceStubs.newServiceStubs(
                    WorkflowServiceStubsOptions.newBuilder().setTarget(server.address()).build());
            workflows = WorkflowClient.newInstance(stubs);
        }

        /** A worker for {@link Race}, whose task may take three seconds of real time on purpose. */
        void raceWorker() {
            factory = WorkerFactory.newInstance(workflows);
            Worker worker = factory.newWorker(QUEUE, WorkerOptions.newBuilder()
                    .setDefaultDeadlockDetectionTimeout(Duration.ofSeconds(20).toMillis()).build());
            worker.registerWorkflowImplementationTypes(RaceImpl.class);
            factory.start();
        }

        void worker() {
            factory = WorkerFactory.newInstance(workflows);
            Worker worker = factory.newWorker(QUEUE);
            worker.registerWorkflowImplementationTypes(StepsImpl.class);
            worker.registerActivitiesImplementations(new StepImpl());
            factory.start();
        }

        @Override
        public void close() {
            if (factory != null) {
                factory.shutdownNow();
            }
            stubs.shutdownNow();
        }
    }
}

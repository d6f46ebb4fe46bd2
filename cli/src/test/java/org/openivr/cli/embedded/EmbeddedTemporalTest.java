package org.openivr.cli.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What the two repairs of the embedded server change, each next to the server as shipped (which also shows the
 * defect is still there: when Temporal fixes it, the "as shipped" half fails and the repair can go).
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

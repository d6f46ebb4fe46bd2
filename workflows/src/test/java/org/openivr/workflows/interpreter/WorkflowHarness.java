package org.openivr.workflows.interpreter;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.Map;
import org.openivr.flows.FlowLoader;
import org.openivr.workflows.CallInput;
import org.openivr.workflows.CallResult;
import org.openivr.workflows.CallSearchAttributes;
import org.openivr.workflows.CallStateView;
import org.openivr.workflows.CallWorkflow;
import org.openivr.workflows.PinnedFlow;

/** Runs one call workflow on Temporal's time-skipping test environment against a {@link FakeAcs}. */
final class WorkflowHarness implements AutoCloseable {
    final TestWorkflowEnvironment env;
    final WorkflowClient client;

    WorkflowHarness() {
        this(true);
    }

    /** @param timeSkipping false for a test that must act while the call waits on a timer */
    WorkflowHarness(boolean timeSkipping) {
        env = TestWorkflowEnvironment.newInstance(io.temporal.testing.TestEnvironmentOptions.newBuilder()
                .setUseTimeskipping(timeSkipping).build());
        for (var key : CallSearchAttributes.ALL) {
            env.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
        }
        client = env.getWorkflowClient();
    }

    CallResult run(String name, String flowYaml, FakeAcs acs, String callId) {
        return run(name, flowYaml, Map.of(), acs, callId, null);
    }

    CallResult run(String name, String flowYaml, Map<String, String> subflows, FakeAcs acs, String callId, Long clockStart) {
        return run(name, flowYaml, subflows, acs, callId, clockStart, null);
    }

    CallResult run(String name, String flowYaml, Map<String, String> subflows, FakeAcs acs, String callId, Long clockStart,
                   org.openivr.workflows.Outbound outbound) {
        // A broken test flow fails here, with its problems.
        FlowLoader.parse("flows/" + name + ".yaml", flowYaml, sub -> java.util.Optional.ofNullable(subflows.get(sub)));
        Worker worker = env.newWorker(CallWorkflow.TASK_QUEUE);
        worker.registerWorkflowImplementationTypes(CallWorkflowImpl.class);
        worker.registerActivitiesImplementations(acs);
        env.start();
        CallWorkflow call = client.newWorkflowStub(CallWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(callId).setTaskQueue(CallWorkflow.TASK_QUEUE).build());
        PinnedFlow flow = new PinnedFlow(name, FlowLoader.contentHash(flowYaml), flowYaml, "flows/" + name + ".yaml", subflows);
        return call.run(outbound == null
                ? new CallInput(callId, "ctx", "4:+14255550123", "4:+18005550100", flow, clockStart)
                : new CallInput(callId, null, outbound.targetRawId(), "4:" + outbound.callerIdPhone(), flow, clockStart,
                        outbound));
    }

    /** Starts a call without waiting for its end. */
    CallWorkflow start(String name, String flowYaml, FakeAcs acs, String callId) {
        Worker worker = env.newWorker(CallWorkflow.TASK_QUEUE);
        worker.registerWorkflowImplementationTypes(CallWorkflowImpl.class);
        worker.registerActivitiesImplementations(acs);
        env.start();
        CallWorkflow call = client.newWorkflowStub(CallWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(callId).setTaskQueue(CallWorkflow.TASK_QUEUE).build());
        PinnedFlow flow = new PinnedFlow(name, FlowLoader.contentHash(flowYaml), flowYaml, "flows/" + name + ".yaml");
        io.temporal.client.WorkflowClient.start(call::run,
                new CallInput(callId, "ctx", "4:+14255550123", "4:+18005550100", flow, null));
        return call;
    }

    /** Polls the state query until the call waits for something (queries do not advance skipped time). */
    CallStateView awaitWaiting(String callId) throws InterruptedException {
        return awaitWaiting(callId, "Recognize");
    }

    CallStateView awaitWaiting(String callId, String what) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            CallStateView view = state(callId);
            if (view != null && view.waitingFor() != null && view.waitingFor().contains(what)) {
                return view;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("call " + callId + " never started waiting");
    }

    CallStateView state(String callId) {
        return client.newWorkflowStub(CallWorkflow.class, callId).state();
    }

    @Override
    public void close() {
        env.close();
    }
}

package org.openivr.api;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.util.Optional;
import org.openivr.workflows.CallIds;
import org.openivr.workflows.CallInput;
import org.openivr.workflows.CallWorkflow;
import org.openivr.workflows.PinnedFlow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Starts one call workflow per incoming call; a redelivered IncomingCall finds it started and does nothing. */
@Component
public class CallStarter {
    private static final Logger log = LoggerFactory.getLogger(CallStarter.class);
    /** Custom SIP headers on ACS must start with X-MS-Custom-. */
    public static final String TEST_CLOCK_HEADER = "X-MS-Custom-Ivr-Test-Clock";
    private final WorkflowClient client;
    private final FlowCatalog flows;
    private final ApiProperties properties;

    public CallStarter(WorkflowClient client, FlowCatalog flows, ApiProperties properties) {
        this.client = client;
        this.flows = flows;
        this.properties = properties;
    }

    /** @return the call's workflow id, or empty when no flow serves the dialled number */
    public Optional<String> start(EventGridEvent.IncomingCall call) {
        String callId = CallIds.forIncomingCall(call.correlationId());
        String flowName = flowFor(call.to());
        if (flowName == null) {
            log.warn("{} no flow for {}; the call is not answered (set ivr.routes or ivr.default-flow)", callId, call.to());
            return Optional.empty();
        }
        Optional<PinnedFlow> pinned = flows.pin(flowName);
        if (pinned.isEmpty()) {
            log.error("{} flow {} is not usable; the call is not answered", callId, flowName);
            return Optional.empty();
        }
        PinnedFlow flow = pinned.get();
        WorkflowOptions options = CallWorkflowOptions.forCall(callId, flow, "answering").build();
        CallWorkflow workflow = client.newWorkflowStub(CallWorkflow.class, options);
        try {
            WorkflowClient.start(workflow::run, new CallInput(callId, call.incomingCallContext(), call.from(), call.to(),
                    flow, testClock(callId, call)));
            log.info("{} incoming call to {} starts flow {}", callId, call.to(), flow.name());
        } catch (WorkflowExecutionAlreadyStarted e) {
            log.info("{} IncomingCall delivered again; the call is already running", callId);
        }
        return Optional.of(callId);
    }

    /** The call's clock from the test-clock SIP header, when allowed and well formed; else null (real time). */
    private Long testClock(String callId, EventGridEvent.IncomingCall call) {
        String value = call.sipHeaders().get(TEST_CLOCK_HEADER);
        if (value == null || !properties.testClock()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(value).toInstant().toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            log.warn("{} ignores {}: '{}' is not an ISO date-time with offset", callId, TEST_CLOCK_HEADER, value);
            return null;
        }
    }

    private String flowFor(String calledRawId) {
        String number = calledRawId.startsWith("4:") ? calledRawId.substring(2) : calledRawId;
        String routed = properties.routes().get(number);
        if (routed == null) {
            routed = properties.routes().get(calledRawId);
        }
        return routed != null ? routed : properties.defaultFlow();
    }
}

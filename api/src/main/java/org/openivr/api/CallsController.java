package org.openivr.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.filter.v1.WorkflowTypeFilter;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.openivr.workflows.CallSearchAttributes;
import org.openivr.workflows.CallStateView;
import org.openivr.workflows.CallWorkflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/calls}: place outbound calls, list open calls, read one call, hang one up. What is said about a call
 * comes only from its workflow's {@code state} query, which masks what sensitive nodes collected.
 */
@RestController
@Tag(name = "Calls", description = "Place outbound calls and follow calls in flight")
public class CallsController {
    private static final Logger log = LoggerFactory.getLogger(CallsController.class);
    private static final Pattern CALL_ID = Pattern.compile("call-[A-Za-z0-9._-]{1,120}");
    private static final String WORKFLOW_TYPE = CallWorkflow.class.getSimpleName();
    private static final int MAX_LIST = 500;

    private final WorkflowClient client;
    private final OutboundCallStarter starter;

    public CallsController(WorkflowClient client, OutboundCallStarter starter) {
        this.client = client;
        this.starter = starter;
    }

    @Operation(summary = "Place an outbound call",
            description = "Starts the call's workflow: it dials 'to' from 'from', waits for the callee, then runs the"
                    + " flow. Busy, no answer, declined and failed calls end with that result (GET the call). With an"
                    + " Idempotency-Key, repeating the request returns the same call and never dials twice; the same key"
                    + " with a different request is refused (422).")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = OutboundCallRequest.class)))
    @ApiResponse(responseCode = "202", description = "The call is being placed (or was, for a repeated key)",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location",
                    description = "/api/calls/{id}"))
    @ApiResponse(responseCode = "400", description = "The body or the Idempotency-Key is not acceptable")
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key placed a different call before")
    @PostMapping(path = "/api/calls", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<CallViews.Accepted> place(
            @RequestBody JsonNode body,
            @Parameter(description = "Any unique string per intended call (e.g. a UUID); a retry sends the same one")
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        OutboundCallRequest request = starter.read(body);
        OutboundCallStarter.Started started = starter.start(request, idempotencyKey);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/calls/" + started.callId()));
        if (started.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.body(new CallViews.Accepted(started.callId(), started.flow(), started.flowHash(),
                started.replayed()));
    }

    @Operation(summary = "List open calls", description = "Calls in flight (incoming and outbound), newest first, each"
            + " with its flow, node and state.")
    @GetMapping(path = "/api/calls", produces = MediaType.APPLICATION_JSON_VALUE)
    public CallViews.CallList list(
            @Parameter(description = "At most this many calls (1 to 500)") @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIST) {
            throw ApiProblem.badRequest("limit must be between 1 and " + MAX_LIST + ", not " + limit);
        }
        List<CallViews.Summary> calls = new ArrayList<>();
        com.google.protobuf.ByteString page = com.google.protobuf.ByteString.EMPTY;
        do {
            ListOpenWorkflowExecutionsResponse response = client.getWorkflowServiceStubs().blockingStub()
                    .listOpenWorkflowExecutions(ListOpenWorkflowExecutionsRequest.newBuilder()
                            .setNamespace(client.getOptions().getNamespace())
                            .setTypeFilter(WorkflowTypeFilter.newBuilder().setName(WORKFLOW_TYPE))
                            .setMaximumPageSize(Math.min(limit, 100))
                            .setNextPageToken(page)
                            .build());
            for (WorkflowExecutionInfo info : response.getExecutionsList()) {
                if (calls.size() < limit) {
                    calls.add(summary(new WorkflowExecutionMetadata(info, client.getOptions().getDataConverter())));
                }
            }
            page = response.getNextPageToken();
        } while (!page.isEmpty() && calls.size() < limit);
        calls.sort(Comparator.comparing(CallViews.Summary::startedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        return new CallViews.CallList(calls);
    }

    private CallViews.Summary summary(WorkflowExecutionMetadata metadata) {
        String id = metadata.getExecution().getWorkflowId();
        CallStateView view = queryState(client.newUntypedWorkflowStub(id));
        if (view != null) {
            return new CallViews.Summary(id, view.flow(), view.currentNode(), view.status(), view.waitingFor(),
                    metadata.getStartTime());
        }
        // The call did not answer the query (its worker is busy or down): what its search attributes say.
        var attributes = metadata.getTypedSearchAttributes();
        return new CallViews.Summary(id, attributes.get(CallSearchAttributes.FLOW_NAME),
                attributes.get(CallSearchAttributes.CURRENT_NODE), "unknown", null, metadata.getStartTime());
    }

    @Operation(summary = "One call: state, timeline and, once ended, its result")
    @ApiResponse(responseCode = "200", description = "The call")
    @ApiResponse(responseCode = "404", description = "No such call")
    @GetMapping(path = "/api/calls/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public CallViews.Details get(@PathVariable("id") String id) {
        WorkflowStub stub = stub(id);
        WorkflowExecutionDescription description = describe(stub, id);
        CallStateView view = queryState(stub);
        String execution = executionStatus(description.getStatus());
        if (view == null) {
            if (description.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
                throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "Call not answering",
                        "call " + id + " runs but did not answer the state query; try again");
            }
            var attributes = description.getTypedSearchAttributes();
            return new CallViews.Details(id, attributes.get(CallSearchAttributes.FLOW_NAME),
                    attributes.get(CallSearchAttributes.FLOW_HASH), "ended", execution,
                    attributes.get(CallSearchAttributes.CURRENT_NODE), null, 0, java.util.Map.of(), List.of(), List.of(),
                    null);
        }
        return new CallViews.Details(id, view.flow(), view.flowHash(), view.status(), execution, view.currentNode(),
                view.waitingFor(), view.waitingSinceMillis(), view.variables(), view.path(), view.timeline(),
                view.result());
    }

    @Operation(summary = "Hang a call up", description = "Asks the call to end cleanly: the current node stops, the"
            + " call is hung up for everyone, and it ends as hungup-by-operator.")
    @ApiResponse(responseCode = "202", description = "The hang-up was asked for")
    @ApiResponse(responseCode = "404", description = "No such call")
    @ApiResponse(responseCode = "409", description = "The call has already ended")
    @PostMapping(path = "/api/calls/{id}/hangup", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<CallViews.HangUpRequested> hangUp(@PathVariable("id") String id) {
        WorkflowStub stub = stub(id);
        WorkflowExecutionDescription description = describe(stub, id);
        if (description.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
            throw new ApiProblem(HttpStatus.CONFLICT, "Call already ended", "call " + id + " has already ended ("
                    + executionStatus(description.getStatus()) + ")");
        }
        try {
            stub.signal("hangUp");
        } catch (WorkflowNotFoundException e) {
            throw new ApiProblem(HttpStatus.CONFLICT, "Call already ended", "call " + id + " ended meanwhile");
        }
        log.info("{} hang-up requested through the API", id);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new CallViews.HangUpRequested(id, "requested"));
    }

    private WorkflowStub stub(String id) {
        if (!CALL_ID.matcher(id).matches()) {
            throw new UnknownCall("'" + id + "' is not a call id this platform issues");
        }
        return client.newUntypedWorkflowStub(id);
    }

    private static WorkflowExecutionDescription describe(WorkflowStub stub, String id) {
        WorkflowExecutionDescription description;
        try {
            description = stub.describe();
        } catch (WorkflowNotFoundException e) {
            throw new UnknownCall("no call " + id + " on this platform");
        }
        if (!WORKFLOW_TYPE.equals(description.getWorkflowType())) {
            throw new UnknownCall("no call " + id + " on this platform");
        }
        return description;
    }

    /** The call's state, or null when it does not answer (not started yet, or no worker can replay it). */
    private static CallStateView queryState(WorkflowStub stub) {
        try {
            return stub.query("state", CallStateView.class);
        } catch (WorkflowException e) {
            log.debug("{} state query failed: {}", stub.getExecution(), e.toString());
            return null;
        } catch (IllegalStateException e) {
            return null;
        }
    }

    private static String executionStatus(WorkflowExecutionStatus status) {
        return status.name().replace("WORKFLOW_EXECUTION_STATUS_", "");
    }
}

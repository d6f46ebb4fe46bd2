package org.openivr.api.ops;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflow.v1.PendingWorkflowTaskInfo;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.api.workflowservice.v1.QueryWorkflowResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.common.converter.DataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openivr.flows.Flow;
import org.openivr.flows.FlowLoader;
import org.openivr.workflows.CallInput;
import org.openivr.workflows.CallSearchAttributes;
import org.openivr.workflows.CallStateView;
import org.openivr.workflows.PinnedFlow;

/**
 * Finds the calls Temporal runs and says where each is. On a real cluster it lists them with a visibility query
 * ({@value #OPEN_CALLS_QUERY}); Temporal's test server has no visibility queries and answers UNIMPLEMENTED, so
 * there it lists open executions instead (the legacy ListOpenWorkflowExecutions) and keeps the call workflows. Each
 * call is then described (search attributes, pending activities) and asked its {@code state} query.
 *
 * <p>Plain Java over Temporal's gRPC stubs: the API's inspector and the {@code ivr calls} command share it.
 */
public final class CallDirectory {
    public static final String CALL_WORKFLOW = "CallWorkflow";
    public static final String OPEN_CALLS_QUERY = "ExecutionStatus=\"Running\" AND WorkflowType=\"" + CALL_WORKFLOW + "\"";
    private static final int PAGE = 200;
    private static final int PARALLEL = 4;

    private final WorkflowServiceStubs service;
    private final DataConverter converter;
    private final String namespace;
    private final StuckRule rule;
    private final Duration deadline;
    private volatile boolean visibility = true;
    private final Map<String, CallInput> inputByRun = new ConcurrentHashMap<>();
    private final Map<String, Flow> flowsByHash = new ConcurrentHashMap<>();

    /**
     * @param deadline how long each RPC (a query especially: it needs a live worker) may take
     */
    public CallDirectory(WorkflowServiceStubs service, DataConverter converter, String namespace, StuckRule rule,
                         Duration deadline) {
        this.service = service;
        this.converter = converter;
        this.namespace = namespace;
        this.rule = rule;
        this.deadline = deadline;
    }

    public StuckRule rule() {
        return rule;
    }

    public String namespace() {
        return namespace;
    }

    DataConverter converter() {
        return converter;
    }

    WorkflowServiceGrpc.WorkflowServiceBlockingStub stub() {
        return service.blockingStub().withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- listing ----

    /** The open calls, stuck ones first, then oldest first; at most {@code limit}. */
    public CallListing openCalls(int limit) {
        long now = System.currentTimeMillis();
        String source = visibility ? "visibility" : "list-open";
        List<WorkflowExecutionInfo> executions;
        try {
            executions = visibility ? listByQuery(limit) : listOpen(limit);
        } catch (StatusRuntimeException e) {
            if (!visibility || e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
                throw e;
            }
            visibility = false;
            source = "list-open";
            executions = listOpen(limit);
        }
        List<CallSummary> calls = summarize(executions, now);
        calls.sort(Comparator.comparing((CallSummary c) -> !c.stuck())
                .thenComparing(c -> !CallSummary.RETRYING.equals(c.verdict()))
                .thenComparingLong(CallSummary::startedAtMillis));
        return new CallListing(calls, source, now);
    }

    /** How many calls of each flow are open: search attributes only, no queries. */
    public Map<String, Long> openCallsByFlow(int limit) {
        List<WorkflowExecutionInfo> executions;
        try {
            executions = visibility ? listByQuery(limit) : listOpen(limit);
        } catch (StatusRuntimeException e) {
            if (!visibility || e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
                throw e;
            }
            visibility = false;
            executions = listOpen(limit);
        }
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (WorkflowExecutionInfo info : executions) {
            String flow = keyword(info.getSearchAttributes().getIndexedFieldsMap().get(CallSearchAttributes.FLOW_NAME.getName()));
            if (flow == null) {
                try {
                    flow = keyword(describe(info.getExecution()).getWorkflowExecutionInfo().getSearchAttributes()
                            .getIndexedFieldsMap().get(CallSearchAttributes.FLOW_NAME.getName()));
                } catch (StatusRuntimeException e) {
                    continue; // ended meanwhile
                }
            }
            counts.merge(flow == null ? "unknown" : flow, 1L, Long::sum);
        }
        return counts;
    }

    /** Calls that ended, newest first (the test server keeps every one; a cluster keeps them for its retention). */
    public List<CallSummary> recentCalls(int limit) {
        List<WorkflowExecutionInfo> closed = new ArrayList<>();
        try {
            if (visibility) {
                closed.addAll(stub().listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder()
                        .setNamespace(namespace).setPageSize(limit)
                        .setQuery("ExecutionStatus!=\"Running\" AND WorkflowType=\"" + CALL_WORKFLOW + "\"").build())
                        .getExecutionsList());
            } else {
                throw Status.UNIMPLEMENTED.asRuntimeException();
            }
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
                throw e;
            }
            closed.addAll(stub().listClosedWorkflowExecutions(ListClosedWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(namespace).setMaximumPageSize(Math.max(limit * 4, PAGE)).build()).getExecutionsList());
        }
        return closed.stream().filter(CallDirectory::isCall)
                .sorted(Comparator.comparingLong((WorkflowExecutionInfo i) -> i.getCloseTime().getSeconds()).reversed())
                .limit(limit)
                .map(this::withSearchAttributes)
                .map(info -> fromSearchAttributes(info, CallSummary.ENDED, null))
                .toList();
    }

    /** The listing's info, or describe's when the listing carries no search attributes (the test server's). */
    private WorkflowExecutionInfo withSearchAttributes(WorkflowExecutionInfo info) {
        if (info.getSearchAttributes().getIndexedFieldsCount() > 0) {
            return info;
        }
        try {
            return describe(info.getExecution()).getWorkflowExecutionInfo();
        } catch (StatusRuntimeException e) {
            return info;
        }
    }

    private List<WorkflowExecutionInfo> listByQuery(int limit) {
        List<WorkflowExecutionInfo> all = new ArrayList<>();
        com.google.protobuf.ByteString token = com.google.protobuf.ByteString.EMPTY;
        do {
            var response = stub().listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(namespace).setQuery(OPEN_CALLS_QUERY).setPageSize(Math.min(PAGE, limit))
                    .setNextPageToken(token).build());
            all.addAll(response.getExecutionsList());
            token = response.getNextPageToken();
        } while (!token.isEmpty() && all.size() < limit);
        return all.stream().limit(limit).toList();
    }

    private List<WorkflowExecutionInfo> listOpen(int limit) {
        List<WorkflowExecutionInfo> all = new ArrayList<>();
        com.google.protobuf.ByteString token = com.google.protobuf.ByteString.EMPTY;
        do {
            var response = stub().listOpenWorkflowExecutions(ListOpenWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(namespace).setMaximumPageSize(PAGE).setNextPageToken(token).build());
            response.getExecutionsList().stream().filter(CallDirectory::isCall).forEach(all::add);
            token = response.getNextPageToken();
        } while (!token.isEmpty() && all.size() < limit);
        return all.stream().limit(limit).toList();
    }

    private static boolean isCall(WorkflowExecutionInfo info) {
        return CALL_WORKFLOW.equals(info.getType().getName());
    }

    private List<CallSummary> summarize(List<WorkflowExecutionInfo> executions, long now) {
        if (executions.isEmpty()) {
            return new ArrayList<>();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, executions.size()), runnable -> {
            Thread thread = new Thread(runnable, "ivr-call-directory");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<CallSummary>> futures = new ArrayList<>();
            for (WorkflowExecutionInfo info : executions) {
                futures.add(pool.submit(() -> summarize(info, now)));
            }
            List<CallSummary> calls = new ArrayList<>();
            for (Future<CallSummary> future : futures) {
                try {
                    calls.add(future.get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
            return calls;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing calls", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One open call: describe + state query + the stuck rule. */
    CallSummary summarize(WorkflowExecutionInfo listed, long now) {
        WorkflowExecution execution = listed.getExecution();
        DescribeWorkflowExecutionResponse described;
        try {
            described = describe(execution);
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return fromSearchAttributes(listed, CallSummary.ENDED, "gone while listing");
            }
            return fromSearchAttributes(listed, CallSummary.UNKNOWN, "describe failed: " + e.getStatus());
        }
        WorkflowExecutionInfo info = described.getWorkflowExecutionInfo();
        CallStateView state;
        try {
            state = state(execution).orElse(null);
        } catch (StatusRuntimeException | QueryFailed e) {
            return withPending(fromSearchAttributes(info, CallSummary.UNKNOWN,
                    "the state query did not answer (" + shortError(e) + "); is a worker running?"), described);
        }
        long taskOpenSince = 0;
        if (state != null && state.waitingFor() == null && !"ended".equals(state.status())
                && info.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
            // Rare between tasks, so the history is read only then (and only when describe does not say).
            try {
                taskOpenSince = openWorkflowTaskSince(described,
                        described.hasPendingWorkflowTask() ? List.of() : history(execution));
            } catch (StatusRuntimeException e) {
                // The call ended meanwhile, or the server is slow: judged by its state alone, like any call.
                taskOpenSince = 0;
            }
        }
        return judge(info, described.getPendingActivitiesList(), state, taskOpenSince, now);
    }

    /**
     * Since when one of the call's workflow tasks has been open (scheduled or started, not completed), in epoch millis;
     * 0 when none is. From describe where the server says it (a cluster), else from the history's last event (the
     * embedded test server says nothing of it).
     */
    static long openWorkflowTaskSince(DescribeWorkflowExecutionResponse described, List<HistoryEvent> history) {
        if (described.hasPendingWorkflowTask()) {
            PendingWorkflowTaskInfo task = described.getPendingWorkflowTask();
            return millis(task.hasStartedTime() ? task.getStartedTime() : task.getScheduledTime());
        }
        if (history.isEmpty()) {
            return 0;
        }
        HistoryEvent last = history.get(history.size() - 1);
        return last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED
                || last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED ? millis(last.getEventTime()) : 0;
    }

    /** A call's whole history, page by page. */
    List<HistoryEvent> history(WorkflowExecution execution) {
        List<HistoryEvent> events = new ArrayList<>();
        com.google.protobuf.ByteString token = com.google.protobuf.ByteString.EMPTY;
        do {
            GetWorkflowExecutionHistoryResponse page = stub().getWorkflowExecutionHistory(
                    GetWorkflowExecutionHistoryRequest.newBuilder().setNamespace(namespace)
                            .setExecution(execution).setNextPageToken(token).build());
            events.addAll(page.getHistory().getEventsList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return events;
    }

    /** Applies the stuck rule to what describe and the state query said, for a call with no open workflow task. */
    CallSummary judge(WorkflowExecutionInfo info, List<PendingActivityInfo> pending, CallStateView state, long now) {
        return judge(info, pending, state, 0, now);
    }

    /**
     * Applies the stuck rule to what describe and the state query said.
     *
     * @param taskOpenSince since when a workflow task of the call has been open (epoch millis), 0 when none is: a call
     *                      that waits for nothing while one stays open for longer than the slack makes no progress
     *                      (a worker that cannot finish it, or a server that never hands it out again)
     */
    CallSummary judge(WorkflowExecutionInfo info, List<PendingActivityInfo> pending, CallStateView state,
                      long taskOpenSince, long now) {
        String callId = info.getExecution().getWorkflowId();
        String runId = info.getExecution().getRunId();
        long started = millis(info.getStartTime());
        if (state == null) {
            return withPendingList(fromSearchAttributes(info, CallSummary.UNKNOWN, "the call has not started its flow yet"),
                    pending);
        }
        if (info.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING || "ended".equals(state.status())) {
            return new CallSummary(callId, runId, state.flow(), state.flowHash(), state.status(), state.currentNode(),
                    null, 0, 0, 0, null, CallSummary.ENDED, null, started, 0);
        }
        // The state's times are on the call's clock, which a scripted call may have set apart from real time.
        long offset = state.waitingFor() == null ? 0 : clockOffset(info.getExecution(), started);
        long waitingSince = state.waitingSinceMillis() > 0 ? state.waitingSinceMillis() - offset : 0;
        long waited = state.waitingFor() != null && waitingSince > 0 ? Math.max(0, now - waitingSince) : 0;
        String verdict = CallSummary.OK;
        String reason = null;
        long allowed = 0;
        String basis = null;
        if (state.waitingFor() != null) {
            StuckRule.Allowance allowance = rule.allowance(state.waiting());
            allowed = allowance.allowed().toMillis();
            basis = allowance.basis();
            if (waited > allowed) {
                verdict = CallSummary.STUCK;
                reason = "waiting " + StuckRule.seconds(Duration.ofMillis(waited / 1000 * 1000)) + " for "
                        + state.waitingFor() + " at '" + state.currentNode() + "'; allowed "
                        + StuckRule.seconds(Duration.ofMillis(allowed)) + " (" + basis + ")";
            }
        }
        if (state.waitingFor() == null && taskOpenSince > 0) {
            StuckRule.Allowance allowance = rule.allowance(null);
            long open = Math.max(0, now - taskOpenSince);
            if (open > allowance.allowed().toMillis()) {
                verdict = CallSummary.STUCK;
                allowed = allowance.allowed().toMillis();
                basis = allowance.basis();
                reason = "no progress at '" + state.currentNode() + "': a workflow task has been open for "
                        + StuckRule.seconds(Duration.ofMillis(open / 1000 * 1000)) + " and Temporal has neither "
                        + "completed it nor handed it out again; allowed " + StuckRule.seconds(allowance.allowed())
                        + " (" + basis + ")";
            }
        }
        if (verdict.equals(CallSummary.OK)) {
            for (PendingActivityInfo activity : pending) {
                if (activity.getAttempt() > 1) {
                    verdict = CallSummary.RETRYING;
                    reason = operationName(activity.getActivityType().getName()) + " attempt " + activity.getAttempt()
                            + (activity.hasLastFailure() ? ": " + activity.getLastFailure().getMessage() : "");
                    break;
                }
            }
        }
        return new CallSummary(callId, runId, state.flow(), state.flowHash(), state.status(), state.currentNode(),
                state.waitingFor(), waitingSince, waited, allowed, basis, verdict, reason, started, pending.size());
    }

    private CallSummary withPending(CallSummary summary, DescribeWorkflowExecutionResponse described) {
        return withPendingList(summary, described.getPendingActivitiesList());
    }

    private static CallSummary withPendingList(CallSummary s, List<PendingActivityInfo> pending) {
        return new CallSummary(s.callId(), s.runId(), s.flow(), s.flowHash(), s.status(), s.currentNode(), s.waitingFor(),
                s.waitingSinceMillis(), s.waitedMillis(), s.allowedMillis(), s.allowanceBasis(), s.verdict(), s.reason(),
                s.startedAtMillis(), pending.size());
    }

    /** What the search attributes say, for a call whose state query cannot be asked. */
    static CallSummary fromSearchAttributes(WorkflowExecutionInfo info, String verdict, String reason) {
        var attributes = info.getSearchAttributes().getIndexedFieldsMap();
        return new CallSummary(info.getExecution().getWorkflowId(), info.getExecution().getRunId(),
                keyword(attributes.get(CallSearchAttributes.FLOW_NAME.getName())),
                keyword(attributes.get(CallSearchAttributes.FLOW_HASH.getName())),
                keyword(attributes.get(CallSearchAttributes.CALL_STATE.getName())),
                keyword(attributes.get(CallSearchAttributes.CURRENT_NODE.getName())),
                null, 0, 0, 0, null, verdict, reason, millis(info.getStartTime()), 0);
    }

    /** A keyword search attribute's value: the payload holds a JSON string. */
    static String keyword(Payload payload) {
        if (payload == null) {
            return null;
        }
        String json = payload.getData().toStringUtf8().trim();
        if (json.startsWith("\"") && json.endsWith("\"") && json.length() >= 2) {
            return json.substring(1, json.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        if (json.startsWith("[\"")) { // keyword lists
            return json.substring(2, Math.max(2, json.indexOf('"', 2)));
        }
        return json.isEmpty() || json.equals("null") ? null : json;
    }

    // ---- one call ----

    DescribeWorkflowExecutionResponse describe(WorkflowExecution execution) {
        return stub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(namespace).setExecution(execution).build());
    }

    /** The call's {@code state} query; empty when the call has not built its state yet. */
    public Optional<CallStateView> state(WorkflowExecution execution) {
        return Optional.ofNullable(query(execution, "state", CallStateView.class));
    }

    /** Temporal's built-in {@code __stack_trace} query: where each workflow thread is blocked. */
    public String stackTrace(WorkflowExecution execution) {
        return query(execution, "__stack_trace", String.class);
    }

    private <T> T query(WorkflowExecution execution, String type, Class<T> resultType) {
        QueryWorkflowResponse response = stub().queryWorkflow(QueryWorkflowRequest.newBuilder()
                .setNamespace(namespace).setExecution(execution)
                .setQuery(WorkflowQuery.newBuilder().setQueryType(type).build()).build());
        if (response.hasQueryRejected()) {
            throw new QueryFailed("rejected: workflow status " + response.getQueryRejected().getStatus());
        }
        if (!response.hasQueryResult() || response.getQueryResult().getPayloadsCount() == 0) {
            return null;
        }
        return converter.fromPayloads(0, Optional.of(response.getQueryResult()), resultType, resultType);
    }

    /** A query the server or the workflow refused. */
    static final class QueryFailed extends RuntimeException {
        QueryFailed(String message) {
            super(message);
        }
    }

    /** The flow the call pinned at its start (from its first history event); cached per run. */
    public Optional<PinnedFlow> pinnedFlow(WorkflowExecution execution) {
        return input(execution).map(CallInput::flow);
    }

    /**
     * How far the call's clock is from real time: zero for real calls; a scripted call may start its clock at a
     * chosen instant ({@code CallInput.clockStartMillis}).
     */
    long clockOffset(WorkflowExecution execution, long startedAtMillis) {
        try {
            Long clockStart = input(execution).map(CallInput::clockStartMillis).orElse(null);
            return clockStart == null ? 0 : clockStart - startedAtMillis;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** What the call started with (its first history event), cached per run; read for its flow and clock only. */
    private Optional<CallInput> input(WorkflowExecution execution) {
        CallInput cached = inputByRun.get(execution.getRunId());
        if (cached != null) {
            return Optional.of(cached);
        }
        GetWorkflowExecutionHistoryResponse history = stub().getWorkflowExecutionHistory(
                GetWorkflowExecutionHistoryRequest.newBuilder().setNamespace(namespace).setExecution(execution)
                        .setMaximumPageSize(1).build());
        if (history.getHistory().getEventsCount() == 0) {
            return Optional.empty();
        }
        HistoryEvent first = history.getHistory().getEvents(0);
        if (!first.hasWorkflowExecutionStartedEventAttributes()) {
            return Optional.empty();
        }
        Payloads input = first.getWorkflowExecutionStartedEventAttributes().getInput();
        CallInput call = converter.fromPayloads(0, Optional.of(input), CallInput.class, CallInput.class);
        if (call == null || call.flow() == null) {
            return Optional.empty();
        }
        if (!execution.getRunId().isEmpty()) {
            inputByRun.put(execution.getRunId(), call);
        }
        return Optional.of(call);
    }

    /**
     * The pinned flow that holds {@code currentNode}: the main flow, or for {@code sub/node} the pinned subflow
     * {@code sub}. Null when it cannot be read.
     */
    public Flow flowOf(WorkflowExecution execution, String currentNode) {
        try {
            PinnedFlow pinned = pinnedFlow(execution).orElse(null);
            if (pinned == null) {
                return null;
            }
            String name = pinned.name();
            String content = pinned.content();
            if (currentNode != null && currentNode.contains("/")) {
                name = currentNode.substring(0, currentNode.indexOf('/'));
                content = pinned.subflows().get(name);
            }
            return content == null ? null : parse(pinned, name, content);
        } catch (RuntimeException e) {
            return null; // the inspector then shows no diagram
        }
    }

    Flow parse(PinnedFlow pinned, String name, String content) {
        return flowsByHash.computeIfAbsent(name + "@" + FlowLoader.contentHash(content), key ->
                FlowLoader.parse("flows/" + name + ".yaml", content, sub -> Optional.ofNullable(pinned.subflows().get(sub))));
    }

    // ---- helpers ----

    static long millis(com.google.protobuf.Timestamp timestamp) {
        return timestamp.getSeconds() * 1000 + timestamp.getNanos() / 1_000_000;
    }

    /** {@code RecognizeKeys} (Temporal's activity type) -> {@code recognizeKeys} (the activity method). */
    static String operationName(String activityType) {
        if (activityType == null || activityType.isEmpty()) {
            return "unknown";
        }
        return Character.toLowerCase(activityType.charAt(0)) + activityType.substring(1);
    }

    static String shortError(Exception e) {
        if (e instanceof StatusRuntimeException s) {
            String description = s.getStatus().getDescription();
            return s.getStatus().getCode() + (description == null ? "" : ": " + firstLine(description));
        }
        return firstLine(String.valueOf(e.getMessage()));
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}

package org.openivr.workflows.interpreter;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.openivr.flows.EvaluationContext;
import org.openivr.flows.ExpressionEvaluator;
import org.openivr.flows.Flow;
import org.openivr.workflows.CallActivities;
import org.openivr.workflows.CallEvent;
import org.openivr.workflows.CallEventKind;
import org.openivr.workflows.CallInput;
import org.openivr.workflows.CallResult;
import org.openivr.workflows.CallSearchAttributes;
import org.openivr.workflows.CallStateView;
import org.openivr.workflows.OperationContext;
import org.openivr.workflows.TimelineEntry;

/**
 * Everything one call knows while its flow runs: variables, the path so far, the timeline, the
 * events ACS has sent, and which operation the call is waiting on. Workflow code: deterministic.
 */
final class CallSession {
    static final String MASK = "****";
    private static final int TIMELINE_LIMIT = 500;

    final CallInput input;
    final Flow mainFlow;
    final CallActivitiesStubs acs;
    private final Deque<Flow> flowStack = new ArrayDeque<>();
    private final Map<String, ExpressionEvaluator> evaluators = new HashMap<>();
    private final Map<String, Flow> subflows = new HashMap<>();
    private final long clockOffsetMillis;

    private final Map<String, Object> variables = new LinkedHashMap<>();
    private final Set<String> sensitiveVariables = new HashSet<>();
    private final List<String> path = new ArrayList<>();
    private final Deque<TimelineEntry> timeline = new ArrayDeque<>();
    private final Set<String> seenEventIds = new java.util.LinkedHashSet<>();
    private final List<CallEvent> inbox = new ArrayList<>();
    /** Continuous-DTMF tones not yet acted on, in ACS's sequence order (they may arrive out of order). */
    private final TreeMap<Long, CallEvent> pendingTones = new TreeMap<>();
    private long lastToneSequence = -1;
    private boolean continuousKeys;
    private final Deque<org.openivr.workflows.AudioSignal> audioInbox = new ArrayDeque<>();
    private boolean speaking;
    private boolean bargeInOnSpeech;
    private boolean sensitiveNode;
    private Map<String, List<String>> spokenOptions = Map.of();
    private String lastKey;
    private String lastKeySource;
    private long lastKeyAtMillis;
    static final String KEYS_FUSED_ACROSS_SOURCES_CHANGE = "keys-fused-across-sources-only";
    private boolean interruptible;
    private String serverCallId;
    private String recordingId;
    private boolean recordingPausedByFlow;
    private boolean recordingStopped;

    private String status = "answering";
    private String currentNode;
    private String callConnectionId;
    private boolean connected;
    private boolean disconnected;
    private boolean hangUpRequested;
    private CallEvent endEvent;
    private long operationSequence;
    private long awaitedOperation = -1;
    private org.openivr.workflows.CallWait waiting;
    /** An operation sent again barging in: its first run may report itself canceled, which is not its result. */
    private long resentOperation = -1;
    /** Whether play and recognize are sent by {@link MediaSteps} (a version marker; null until first asked). */
    private Boolean mediaStepsResent;
    private boolean resultMayTrailDisconnect;
    static final String TRAILING_RESULT_CHANGE = "result-after-call-disconnected";
    /** How long a result that ACS sent with the call's end may trail its CallDisconnected. */
    static final Duration TRAILING_RESULT_GRACE = Duration.ofSeconds(2);
    static final String CALL_GONE_CHANGE = "call-gone-means-hung-up";
    /** How long a CallDisconnected may trail ACS's "Call not found" before the call concludes without it. */
    static final Duration CALL_GONE_GRACE = Duration.ofSeconds(5);
    private String lastInput = "";
    private long attempt;
    private int waitCount;
    private CallResult result;

    CallSession(CallInput input, PinnedFlowCache.Parsed parsed, CallActivitiesStubs acs) {
        Flow flow = parsed.flow();
        this.evaluators.put(flow.name(), parsed.evaluator());
        this.input = input;
        this.mainFlow = flow;
        this.acs = acs;
        this.flowStack.push(flow);
        this.variables.putAll(flow.variables());
        input.variables().forEach((name, value) -> {
            if (flow.variables().containsKey(name)) {
                variables.put(name, value);
            }
        });
        long start = Workflow.currentTimeMillis();
        this.clockOffsetMillis = input.clockStartMillis() == null ? 0 : input.clockStartMillis() - start;
    }

    // ---- which flow runs (subflows stack on the main flow) ----

    /** The flow whose node is running: the main flow, or the subflow it called. */
    Flow flow() {
        return flowStack.peek();
    }

    ExpressionEvaluator evaluator() {
        Flow flow = flow();
        return evaluators.computeIfAbsent(flow.name(), name -> new ExpressionEvaluator(flow.variables()));
    }

    /** The pinned subflow of that name, loaded from the content pinned at the call's start. */
    Flow subflow(String name) {
        Flow flow = subflows.get(name);
        if (flow == null) {
            String content = input.flow().subflows().get(name);
            if (content == null) {
                throw new FlowFailure("subflow '" + name + "' was not pinned with the call");
            }
            PinnedFlowCache.Parsed parsed = PinnedFlowCache.parse("flows/" + name + ".yaml", content,
                    input.flow().subflows());
            flow = parsed.flow();
            evaluators.putIfAbsent(flow.name(), parsed.evaluator());
            subflows.put(name, flow);
        }
        return flow;
    }

    boolean inMainFlow() {
        return flowStack.size() == 1;
    }

    void enterSubflow(Flow flow) {
        flowStack.push(flow);
        flow.variables().forEach(variables::putIfAbsent);
    }

    void leaveSubflow() {
        flowStack.pop();
    }

    /** How a node appears in the call's path: {@code node}, or {@code subflow/node} inside a subflow. */
    String pathName(String nodeId) {
        return flowStack.size() > 1 ? flow().name() + "/" + nodeId : nodeId;
    }

    // ---- clock and timeline ----

    long nowMillis() {
        return Workflow.currentTimeMillis() + clockOffsetMillis;
    }

    void record(String kind, String node, String text) {
        timeline.addLast(new TimelineEntry(nowMillis(), kind, node, text));
        while (timeline.size() > TIMELINE_LIMIT) {
            timeline.removeFirst();
        }
    }

    // ---- where the call is ----

    void enter(String nodeId) {
        currentNode = pathName(nodeId);
        path.add(currentNode);
        audioInbox.clear(); // what was heard during an earlier node is not an answer to this one
        attempt = 0;
        record("node", nodeId, "entered");
        Workflow.upsertTypedSearchAttributes(CallSearchAttributes.CURRENT_NODE.valueSet(currentNode));
    }

    void setStatus(String newStatus) {
        status = newStatus;
        Workflow.upsertTypedSearchAttributes(CallSearchAttributes.CALL_STATE.valueSet(newStatus));
    }

    void setAttempt(long value) {
        attempt = value;
    }

    String currentNode() {
        return currentNode;
    }

    List<String> path() {
        return List.copyOf(path);
    }

    // ---- variables ----

    void assign(String name, Object value, boolean sensitive) {
        variables.put(name, value);
        if (sensitive) {
            sensitiveVariables.add(name);
        } else {
            sensitiveVariables.remove(name);
        }
    }

    void setInput(String value) {
        lastInput = value == null ? "" : value;
    }

    EvaluationContext evaluationContext() {
        return new EvaluationContext(Map.copyOf(withoutNulls(variables)), input.callId(), phoneOrRaw(input.callerRawId()),
                phoneOrRaw(input.calledRawId()), lastInput, Instant.ofEpochMilli(nowMillis()), attempt);
    }

    /** Variables as a person may see them: values written by sensitive nodes are masked. */
    Map<String, Object> visibleVariables() {
        Map<String, Object> visible = new LinkedHashMap<>();
        variables.forEach((name, value) -> visible.put(name, sensitiveVariables.contains(name) ? MASK : value));
        return visible;
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, v == null ? "" : v));
        return copy;
    }

    private static String phoneOrRaw(String rawId) {
        if (rawId == null) {
            return "";
        }
        return rawId.startsWith("4:") ? rawId.substring(2) : rawId;
    }

    // ---- ACS events ----

    /** Signal handler body: de-duplicates, and keeps only events the call may still act on. */
    void accept(CallEvent event) {
        if (event == null || event.id() == null || !seenEventIds.add(event.id())) {
            return;
        }
        if (event.kind() == CallEventKind.CALL_DISCONNECTED || event.kind() == CallEventKind.CREATE_CALL_FAILED) {
            disconnected = true;
            endEvent = event;
            record("event", currentNode, event.shortType());
            return;
        }
        if (event.kind() == CallEventKind.CALL_CONNECTED) {
            connected = true;
            record("event", currentNode, event.shortType());
            return;
        }
        if (event.kind() == CallEventKind.CONTINUOUS_DTMF_TONE_RECEIVED) {
            acceptTone(event);
            return;
        }
        if (event.kind() == CallEventKind.RECORDING_STATE_CHANGED) {
            record("event", currentNode, "RecordingStateChanged " + event.state());
            return;
        }
        long sequence = OperationContext.parse(event.operationContext()).sequence();
        if (sequence >= 0 && sequence == awaitedOperation && sequence == resentOperation && isCancellation(event)) {
            record("ignored", currentNode, event.shortType() + " for operation '" + event.operationContext()
                    + "': its first run, cancelled by the same operation sent again");
        } else if (sequence >= 0 && sequence == awaitedOperation) {
            inbox.add(event);
        } else {
            record("ignored", currentNode, event.shortType() + " for operation '" + event.operationContext()
                    + "', which the call no longer waits for");
        }
    }

    /** How many waits for ACS this call has done; a node that changes it waited for the caller. */
    int waitCount() {
        return waitCount;
    }

    private void acceptTone(CallEvent event) {
        Long sequence = event.sequenceId();
        String key = event.tones().isEmpty() ? "" : event.tones().get(0);
        if (fusedWithLastKey(key, "ACS")) {
            return;
        }
        if (!continuousKeys) {
            record("ignored", currentNode, "key tone while continuous key recognition is off");
        } else if (sequence == null || sequence <= lastToneSequence) {
            record("ignored", currentNode, "key tone with sequence " + sequence + " after " + lastToneSequence);
        } else {
            pendingTones.put(sequence, event);
        }
    }

    /** Signal handler body for the streaming worker's audio signals. */
    void acceptAudio(org.openivr.workflows.AudioSignal signal) {
        if (signal == null || signal.id() == null || signal.kind() == null || !seenEventIds.add(signal.id())) {
            return;
        }
        switch (signal.kind()) {
            case SPEECH_STARTED -> speaking = true;
            case SPEECH_ENDED -> speaking = false;
            case KEY -> {
                if (fusedWithLastKey(signal.key(), "in-band")) {
                    return;
                }
            }
            case PHRASE, SILENCE -> { }
        }
        record("audio", currentNode, describe(signal));
        audioInbox.addLast(signal);
        while (audioInbox.size() > 50) {
            audioInbox.removeFirst();
        }
    }

    /**
     * The same key reported by ACS and heard in band within half a second is one key press: the
     * second report is dropped, and the record says both sources saw it. The same key twice from one source is two
     * presses (a caller typing "11"); runs started before this have no marker and keep fusing those too.
     */
    private boolean fusedWithLastKey(String key, String source) {
        long now = Workflow.currentTimeMillis();
        if (key != null && key.equals(lastKey) && now - lastKeyAtMillis <= 500
                && (!source.equals(lastKeySource)
                        || Workflow.getVersion(KEYS_FUSED_ACROSS_SOURCES_CHANGE, Workflow.DEFAULT_VERSION, 1) < 1)) {
            record("keys", currentNode, key + " also reported " + ("ACS".equals(source) ? "by ACS" : "in band")
                    + "; counted once");
            lastKey = null;
            return true;
        }
        lastKey = key;
        lastKeySource = source;
        lastKeyAtMillis = now;
        return false;
    }

    private String describe(org.openivr.workflows.AudioSignal signal) {
        return switch (signal.kind()) {
            case SPEECH_STARTED -> "caller started speaking";
            case SPEECH_ENDED -> "caller stopped speaking";
            case KEY -> (sensitiveNow() ? MASK : signal.key()) + " (heard in band)";
            case PHRASE -> sensitiveNow() ? "(phrase masked)" : "heard \"" + signal.text() + "\"";
            case SILENCE -> "caller silent for " + signal.silenceMillis() + "ms";
        };
    }

    private boolean sensitiveNow() {
        return sensitiveNode;
    }

    /** Marks the running node as sensitive: what is heard during it is masked in the record. */
    void setSensitiveNode(boolean value) {
        sensitiveNode = value;
    }

    /** The oldest audio signal not yet acted on, or null. */
    org.openivr.workflows.AudioSignal pollAudio() {
        return audioInbox.pollFirst();
    }

    boolean hasAudio() {
        return !audioInbox.isEmpty();
    }

    boolean speaking() {
        return speaking;
    }

    /** The next continuous-DTMF key in sequence order, or null. */
    String pollTone() {
        Map.Entry<Long, CallEvent> first = pendingTones.pollFirstEntry();
        if (first == null) {
            return null;
        }
        lastToneSequence = first.getKey();
        return first.getValue().tones().isEmpty() ? null : first.getValue().tones().get(0);
    }

    boolean hasTone() {
        return !pendingTones.isEmpty();
    }

    /** Waits until {@code condition} holds, the caller hangs up or an operator ends the call. */
    void awaitAny(java.util.function.BooleanSupplier condition) {
        waitCount++;
        Workflow.await(() -> disconnected || hangUpRequested || condition.getAsBoolean());
        throwIfHungUp();
    }

    /** From now on the call waits for {@code what}, which may legitimately take {@code expected} ({@code basis} says why). */
    void beginWait(String what, String node, Duration expected, String basis) {
        waiting = new org.openivr.workflows.CallWait(what, node, nowMillis(), expected.toMillis(), basis);
    }

    void endWait() {
        waiting = null;
    }

    /** While a prompt with {@code bargeIn: speech} plays, the caller speaking stops it. */
    void setBargeInOnSpeech(boolean value) {
        bargeInOnSpeech = value;
    }

    /** While a menu listens: option key -> words the caller may say instead of pressing it. */
    void setSpokenOptions(Map<String, List<String>> options) {
        spokenOptions = options == null ? Map.of() : options;
    }

    private boolean audioInterrupts() {
        for (org.openivr.workflows.AudioSignal signal : audioInbox) {
            if (bargeInOnSpeech && signal.kind() == org.openivr.workflows.AudioSignal.Kind.SPEECH_STARTED) {
                return true;
            }
            if (!spokenOptions.isEmpty() && signal.kind() == org.openivr.workflows.AudioSignal.Kind.PHRASE) {
                return true;
            }
        }
        return false;
    }

    /** Acts on audio that cuts the running operation short: speech over a prompt, or a menu option said. */
    private void takeAudioInterrupt() {
        while (!audioInbox.isEmpty()) {
            org.openivr.workflows.AudioSignal signal = audioInbox.pollFirst();
            if (bargeInOnSpeech && signal.kind() == org.openivr.workflows.AudioSignal.Kind.SPEECH_STARTED) {
                throw new SpeechInterrupt(null);
            }
            if (signal.kind() == org.openivr.workflows.AudioSignal.Kind.PHRASE) {
                String option = SpokenPhrases.match(signal.text(), spokenOptions);
                if (option != null) {
                    throw new SpeechInterrupt(option);
                }
            }
        }
    }

    void setContinuousKeys(boolean on) {
        continuousKeys = on;
        if (!on) {
            pendingTones.clear();
        }
    }

    boolean continuousKeys() {
        return continuousKeys;
    }

    /**
     * Acts on the tones received so far, lowest sequence first: the first {@code anytime} key jumps;
     * other keys are recorded and dropped.
     */
    void takeAnytimeKeys() {
        while (!pendingTones.isEmpty()) {
            Map.Entry<Long, CallEvent> first = pendingTones.pollFirstEntry();
            lastToneSequence = first.getKey();
            String key = first.getValue().tones().isEmpty() ? "" : first.getValue().tones().get(0);
            String target = flow().anytime().get(key);
            if (target != null) {
                pendingTones.clear();
                record("keys", currentNode, key + " (anytime)");
                throw new AnytimeJump(key, target);
            }
            record("ignored", currentNode, "key " + key + " is not an anytime key");
        }
    }

    /** Marks the running wait as one an anytime key may cut short. */
    void setInterruptible(boolean value) {
        interruptible = value;
    }

    private boolean anytimeKeyWaiting() {
        return interruptible && continuousKeys && !pendingTones.isEmpty();
    }

    // ---- recording ----

    void setServerCallId(String id) {
        serverCallId = id;
    }

    String serverCallId() {
        return serverCallId;
    }

    void recordingStarted(String id, boolean paused) {
        recordingId = id;
        recordingPausedByFlow = paused;
        recordingStopped = false;
    }

    /** The recording the flow started and has not stopped, or null. */
    String recordingId() {
        return recordingStopped ? null : recordingId;
    }

    /** Is a recording running and not paused by the flow? */
    boolean recordingActive() {
        return recordingId() != null && !recordingPausedByFlow;
    }

    void recordingPaused(boolean paused) {
        recordingPausedByFlow = paused;
    }

    void recordingStopped() {
        recordingStopped = true;
    }

    boolean connected() {
        return connected;
    }

    boolean disconnected() {
        return disconnected;
    }

    /** The CallDisconnected or CreateCallFailed that ended the call, or null. */
    CallEvent endEvent() {
        return endEvent;
    }

    void setCallConnectionId(String id) {
        callConnectionId = id;
    }

    String callConnectionId() {
        return callConnectionId;
    }

    /** Starts an operation: events carrying its context are kept from now on, until its wait ends. */
    OperationContext beginOperation(String node) {
        operationSequence++;
        awaitedOperation = operationSequence;
        resentOperation = -1;
        inbox.clear();
        return new OperationContext(operationSequence, node);
    }

    /** Whether ACS already reported the result of {@code operation}, the one the call waits for. */
    boolean resultArrived(OperationContext operation) {
        return awaitedOperation == operation.sequence() && !inbox.isEmpty();
    }

    /** {@code operation} is being sent again, barging in: a cancellation of its first run is not its result. */
    void resending(OperationContext operation) {
        resentOperation = operation.sequence();
    }

    /**
     * Whether this run sends play and recognize through {@link MediaSteps}; runs started before that (their histories
     * have no marker) keep Temporal's own retries.
     */
    boolean mediaStepsResent() {
        if (mediaStepsResent == null) {
            mediaStepsResent = Workflow.getVersion(MediaSteps.CHANGE_ID, Workflow.DEFAULT_VERSION, 1) >= 1;
        }
        return mediaStepsResent;
    }

    private static boolean isCancellation(CallEvent event) {
        return event.kind() == CallEventKind.PLAY_CANCELED || event.kind() == CallEventKind.RECOGNIZE_CANCELED
                || event.subCode() == MediaSteps.CANCELED;
    }

    /**
     * Waits for the event of {@code operation}, the caller hanging up, or the guard (one cancellable
     * timer: {@code Workflow.await} with a timeout would leak its timer in SDK 1.38).
     */
    WaitResult awaitOperation(OperationContext operation, String what, Duration guard, Expected expected) {
        waitCount++;
        beginWait(what + " (op " + operation.format() + ")", operation.node(), expected.duration(), expected.basis());
        GuardTimer timer = GuardTimer.start(guard);
        Workflow.await(() -> disconnected || hangUpRequested || !inbox.isEmpty() || timer.fired() || anytimeKeyWaiting()
                || audioInterrupts());
        timer.cancel();
        endWait();
        if (hangUpRequested) {
            awaitedOperation = -1;
            throw new OperatorHangsUp();
        }
        if (audioInterrupts()) {
            awaitedOperation = -1;
            takeAudioInterrupt();
            awaitedOperation = operation.sequence();
            return awaitOperation(operation, what, guard, expected);
        }
        // A key the caller pressed during this node wins even if the operation's own result came in too.
        if (!disconnected && anytimeKeyWaiting()) {
            awaitedOperation = -1;
            takeAnytimeKeys();
            // No anytime key among them: the operation still runs, so keep waiting for it.
            awaitedOperation = operation.sequence();
            return awaitOperation(operation, what, guard, expected);
        }
        awaitTrailingResult();
        awaitedOperation = -1;
        if (!inbox.isEmpty()) {
            CallEvent event = inbox.remove(0);
            inbox.clear();
            return new WaitResult.Arrived(event);
        }
        throwIfHungUp();
        record("timeout", currentNode, "ACS sent no result for " + what + " within " + guard.toSeconds() + "s");
        return new WaitResult.TimedOut();
    }

    /**
     * ACS ends our leg when a transfer succeeds, and promises no order of delivery (acs-wire 7.1): CallDisconnected
     * may arrive before CallTransferAccepted. So when the call is gone while it waits for such a result, it gives
     * the result a moment to arrive before it concludes the caller hung up. Runs started before this have no marker
     * and keep concluding at once.
     */
    private void awaitTrailingResult() {
        if (!disconnected || !inbox.isEmpty() || !resultMayTrailDisconnect
                || Workflow.getVersion(TRAILING_RESULT_CHANGE, Workflow.DEFAULT_VERSION, 1) < 1) {
            return;
        }
        GuardTimer grace = GuardTimer.start(TRAILING_RESULT_GRACE);
        Workflow.await(() -> !inbox.isEmpty() || grace.fired());
        grace.cancel();
    }

    /** The operation waited for may report its result after the call's CallDisconnected (a transfer). */
    void resultMayTrailDisconnect(boolean may) {
        resultMayTrailDisconnect = may;
    }

    /** Waits for CallConnected after answering (it may already have arrived). */
    boolean awaitConnected(Duration guard, Expected expected) {
        beginWait("CallConnected", null, expected.duration(), expected.basis());
        GuardTimer timer = GuardTimer.start(guard);
        Workflow.await(() -> connected || disconnected || timer.fired());
        timer.cancel();
        endWait();
        return connected && !disconnected;
    }

    /**
     * After an ACS request failed: unwinds as {@link #throwIfHungUp()} does, and also when ACS answered that the call
     * is gone. ACS promises no order between a request's answer and the CallDisconnected of a caller who just hung up
     * (acs-wire 7.1), so "Call not found" can reach the call first; it is not the node failing. The call gives the
     * CallDisconnected a moment, then ends as hung up with or without it. Runs started before this have no marker
     * and keep taking the failure as the node's.
     */
    void throwIfHungUp(ActivityFailure failure) {
        if (!disconnected && !hangUpRequested && callGone(failure)
                && Workflow.getVersion(CALL_GONE_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1) {
            record("event", currentNode, "ACS says the call is gone (" + Failures.message(failure) + ")");
            beginWait("CallDisconnected (ACS says the call is gone)", currentNode, CALL_GONE_GRACE,
                    "a CallDisconnected trails \"Call not found\" by " + CALL_GONE_GRACE.toSeconds() + "s at most");
            GuardTimer grace = GuardTimer.start(CALL_GONE_GRACE);
            Workflow.await(() -> disconnected || hangUpRequested || grace.fired());
            grace.cancel();
            endWait();
            if (!disconnected && !hangUpRequested) {
                record("timeout", currentNode, "no CallDisconnected within " + CALL_GONE_GRACE.toSeconds()
                        + "s of ACS saying the call is gone; it ended");
                disconnected = true;
            }
        }
        throwIfHungUp();
    }

    private static boolean callGone(ActivityFailure failure) {
        return failure.getCause() instanceof ApplicationFailure app
                && CallActivities.CALL_GONE.equals(app.getType());
    }

    void throwIfHungUp() {
        if (disconnected) {
            throw new CallerHungUp();
        }
        if (hangUpRequested) {
            throw new OperatorHangsUp();
        }
    }

    /** Signal handler body: an operator asked to end the call. */
    void requestHangUp() {
        if (!hangUpRequested) {
            hangUpRequested = true;
            record("operator", currentNode, "hang-up requested");
        }
    }

    /** Pauses the flow (the {@code wait} verb); the caller hanging up or an anytime key ends it early. */
    void pause(Duration duration) {
        waitCount++;
        long began = nowMillis();
        beginWait("wait " + duration.toMillis() + "ms", currentNode, duration, "wait " + duration.toMillis() + "ms");
        GuardTimer timer = GuardTimer.start(duration);
        Workflow.await(() -> disconnected || hangUpRequested || timer.fired() || anytimeKeyWaiting());
        timer.cancel();
        endWait();
        throwIfHungUp();
        if (anytimeKeyWaiting()) {
            takeAnytimeKeys();
            long left = duration.toMillis() - (nowMillis() - began);
            if (left > 0) {
                pause(Duration.ofMillis(left));
            }
        }
    }

    /** Waits for ACS to confirm the call is gone after the flow hung up; true when it did. */
    boolean awaitDisconnected(Duration guard) {
        beginWait("CallDisconnected", null, Expected.HANG_UP.duration(), Expected.HANG_UP.basis());
        GuardTimer timer = GuardTimer.start(guard);
        Workflow.await(() -> disconnected || timer.fired());
        timer.cancel();
        endWait();
        return disconnected;
    }


    // ---- continue-as-new ----

    private static final int CARRIED_EVENT_IDS = 2000;
    private static final int CARRIED_PATH = 200;
    private static final int CARRIED_TIMELINE = 100;

    /** What a new run needs to go on at {@code target}; called between nodes of the main flow only. */
    org.openivr.workflows.CallResume snapshot(String target, int runs) {
        return new org.openivr.workflows.CallResume(target, callConnectionId, serverCallId, new LinkedHashMap<>(variables),
                List.copyOf(sensitiveVariables), tail(path, CARRIED_PATH), tail(new ArrayList<>(seenEventIds), CARRIED_EVENT_IDS),
                operationSequence, lastToneSequence, continuousKeys, recordingId, recordingPausedByFlow, recordingStopped,
                tail(new ArrayList<>(timeline), CARRIED_TIMELINE), runs, List.copyOf(pendingTones.values()));
    }

    void restore(org.openivr.workflows.CallResume resume) {
        callConnectionId = resume.callConnectionId();
        serverCallId = resume.serverCallId();
        variables.clear();
        variables.putAll(resume.variables());
        sensitiveVariables.addAll(resume.sensitiveVariables());
        path.addAll(resume.path());
        seenEventIds.addAll(resume.seenEventIds());
        operationSequence = resume.operationSequence();
        lastToneSequence = resume.lastToneSequence();
        continuousKeys = resume.continuousKeys();
        recordingId = resume.recordingId();
        recordingPausedByFlow = resume.recordingPaused();
        recordingStopped = resume.recordingStopped();
        timeline.addAll(resume.timeline());
        resume.pendingTones().forEach(tone -> pendingTones.put(tone.sequenceId(), tone));
        connected = true;
        record("continued", null, "continued as new run " + (resume.runs() + 1) + " at '" + resume.target() + "'");
    }

    private static <T> List<T> tail(List<T> list, int max) {
        return List.copyOf(list.size() <= max ? list : list.subList(list.size() - max, list.size()));
    }

    // ---- the end ----

    CallResult finish(String ending, String reason) {
        result = new CallResult(ending, path(), visibleVariables(), reason);
        record("ended", currentNode, ending + (reason == null ? "" : ": " + reason));
        setStatus("ended");
        return result;
    }

    CallStateView view() {
        return new CallStateView(input.callId(), mainFlow.name(), input.flow().contentHash(), status, currentNode,
                waiting == null ? null : waiting.description(), waiting == null ? 0 : waiting.sinceMillis(),
                visibleVariables(), path(), List.copyOf(timeline), result, waiting);
    }
}

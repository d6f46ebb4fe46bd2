package org.openivr.workflows.interpreter;

import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openivr.flows.FlowException;
import org.openivr.workflows.CallEvent;
import org.openivr.workflows.CallInput;
import org.openivr.workflows.CallResult;
import org.openivr.workflows.CallStateView;
import org.openivr.workflows.CallWorkflow;
import org.openivr.workflows.HangUpCall;
import org.slf4j.Logger;

/**
 * The interpreter: answers the call, then walks the pinned flow node by node until the flow or
 * the caller hangs up. Each node's verb lives in its own class; this class only sequences them.
 */
public class CallWorkflowImpl implements CallWorkflow {
    private static final Logger log = Workflow.getLogger(CallWorkflowImpl.class);
    private static final Duration DISCONNECT_GUARD = Duration.ofSeconds(10);

    /** Marks runs whose early events wait for the restore (see {@link #run}). */
    static final String EVENTS_AFTER_RESTORE_CHANGE = "continued-run-takes-early-events-after-restore";

    private final CallSession session;
    private final String loadError;
    /** A continued run before it restored what the call knew: events wait in {@link #beforeRestore}. */
    private boolean restoring;
    private final List<CallEvent> beforeRestore = new ArrayList<>();

    @WorkflowInit
    public CallWorkflowImpl(CallInput input) {
        PinnedFlowCache.Parsed flow = null;
        String error = null;
        try {
            // Subflows come from what was pinned with the call, never from disk: workflow code does no I/O.
            flow = PinnedFlowCache.parse(input.flow().file(), input.flow().content(), input.flow().subflows());
        } catch (FlowException e) {
            error = "pinned flow '" + input.flow().name() + "' does not load: " + e.getMessage();
        }
        this.loadError = error;
        this.session = flow == null ? null : new CallSession(input, flow, CallActivitiesStubs.create());
        this.restoring = session != null && input.resume() != null;
    }

    @Override
    public CallResult run(CallInput input) {
        if (session == null) {
            log.error("{} {}", input.callId(), loadError);
            return new CallResult(CallResult.FAILED, java.util.List.of(), java.util.Map.of(), loadError);
        }
        String start = session.mainFlow.start();
        if (input.resume() != null) {
            // The SDK runs the signals of a run's first task before this method (constructor, signal handlers, then
            // the workflow method), so a key pressed just as the call continued as new came before the restore, found
            // continuous keys off, and was lost. Now such events wait and are taken after it. Runs that took them
            // first have no marker and keep doing so.
            boolean afterRestore = beforeRestore.isEmpty()
                    || Workflow.getVersion(EVENTS_AFTER_RESTORE_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
            if (!afterRestore) {
                beforeRestore.forEach(session::accept);
            }
            session.restore(input.resume());
            restoring = false;
            if (afterRestore) {
                beforeRestore.forEach(session::accept);
            }
            beforeRestore.clear();
            start = input.resume().target();
            session.setStatus("running");
        } else {
            Connecting.Ending notConnected = Connecting.connect(session);
            if (notConnected != null) {
                hangUpCall();
                return end(notConnected.ending(), notConnected.reason());
            }
            session.setStatus("running");
            log.info("{} answered, flow {} ({})", input.callId(), session.mainFlow.name(), shortHash(input));
        }
        try {
            if (input.resume() == null && !session.mainFlow.anytime().isEmpty()) {
                String failure = ContinuousKeys.set(session, "answer", true);
                if (failure != null) {
                    session.record("failed", null, "anytime keys are off: " + failure);
                }
            }
            new FlowWalker(session).walk(start);
        } catch (ContinueAsNewRequested e) {
            int runs = input.resume() == null ? 1 : input.resume().runs() + 1;
            log.info("{} continues as new at {} (run {})", input.callId(), e.target, runs + 1);
            Workflow.continueAsNew(input.continuing(session.snapshot(e.target, runs),
                    input.clockStartMillis() == null ? null : session.nowMillis()));
            throw new IllegalStateException("unreachable: continueAsNew does not return");
        } catch (CallerHungUp e) {
            return end(CallResult.HUNGUP_BY_CALLER, null);
        } catch (CallTransferred e) {
            return end(CallResult.TRANSFERRED, null);
        } catch (OperatorHangsUp e) {
            hangUpCall();
            return end(CallResult.HUNGUP_BY_OPERATOR, "an operator ended the call");
        } catch (FlowHangsUp e) {
            // the flow ends the call: below
        } catch (FlowFailure e) {
            hangUpCall();
            return end(CallResult.FAILED, e.getMessage());
        }
        hangUpCall();
        return end(CallResult.HUNGUP_BY_FLOW, null);
    }

    private void hangUpCall() {
        if (session.callConnectionId() == null || session.disconnected()) {
            return;
        }
        try {
            session.acs.hangUp.hangUp(new HangUpCall(session.callConnectionId(), true));
        } catch (ActivityFailure e) {
            session.record("failed", session.currentNode(), "hang-up failed: " + Failures.message(e));
            return;
        }
        if (!session.awaitDisconnected(DISCONNECT_GUARD)) {
            session.record("timeout", session.currentNode(), "ACS did not confirm the hang-up within "
                    + DISCONNECT_GUARD.toSeconds() + "s");
        }
    }

    private CallResult end(String ending, String reason) {
        CallResult result = session.finish(ending, reason);
        log.info("{} ended {}{} path={}", session.input.callId(), ending, reason == null ? "" : " (" + reason + ")",
                result.path());
        return result;
    }

    private static String shortHash(CallInput input) {
        String hash = input.flow().contentHash();
        return hash == null || hash.length() < 12 ? String.valueOf(hash) : hash.substring(0, 12);
    }

    @Override
    public void onEvent(CallEvent event) {
        if (session == null) {
            return;
        }
        if (restoring) {
            beforeRestore.add(event);
            return;
        }
        session.accept(event);
    }

    @Override
    public void onAudio(org.openivr.workflows.AudioSignal signal) {
        if (session != null) {
            session.acceptAudio(signal);
        }
    }

    @Override
    public void hangUp() {
        if (session != null) {
            session.requestHangUp();
        }
    }

    @Override
    public CallStateView state() {
        return session == null ? null : session.view();
    }
}

package org.openivr.api;

import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openivr.workflows.CallEvent;
import org.openivr.workflows.CallInput;
import org.openivr.workflows.CallResult;
import org.openivr.workflows.CallStateView;
import org.openivr.workflows.CallWorkflow;
import org.openivr.workflows.TimelineEntry;

/**
 * A call workflow for API tests: it shows what it was started with (the dialled target and caller id as its
 * node and waiting text, its variables) and ends, hung up by an operator, when it gets the {@code hangUp} signal.
 */
public class FakeCallWorkflow implements CallWorkflow {
    private CallInput input;
    private boolean hangUpRequested;
    private CallResult result;
    private final List<TimelineEntry> timeline = new ArrayList<>();

    @Override
    public CallResult run(CallInput input) {
        this.input = input;
        timeline.add(new TimelineEntry(Workflow.currentTimeMillis(), "node", "greet", "entered"));
        Workflow.await(() -> hangUpRequested);
        timeline.add(new TimelineEntry(Workflow.currentTimeMillis(), "ended", "greet", CallResult.HUNGUP_BY_OPERATOR));
        result = new CallResult(CallResult.HUNGUP_BY_OPERATOR, List.of("greet"), variables(), "an operator ended the call");
        return result;
    }

    private Map<String, Object> variables() {
        Map<String, Object> variables = new LinkedHashMap<>(input.variables());
        variables.put("pin", "****");
        return variables;
    }

    @Override
    public void onEvent(CallEvent event) {}

    @Override
    public void onAudio(org.openivr.workflows.AudioSignal signal) {}

    @Override
    public void hangUp() {
        hangUpRequested = true;
    }

    @Override
    public CallStateView state() {
        if (input == null) {
            return null;
        }
        String dialled = input.outbound() == null ? null
                : input.outbound().targetRawId() + " from " + input.outbound().callerIdPhone();
        return new CallStateView(input.callId(), input.flow().name(), input.flow().contentHash(),
                result == null ? "running" : "ended", "greet", dialled, 0, variables(), List.of("greet"),
                List.copyOf(timeline), result, null);
    }
}

package org.openivr.cli.soak;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.openivr.cli.DemoSuites;
import org.openivr.flows.Flow;
import org.openivr.flows.FlowException;
import org.openivr.flows.FlowLoader;
import org.openivr.flows.Node;
import org.openivr.flows.ScriptedCall;
import org.openivr.flows.ScriptedCalls;

/** Every scripted call of the demo flows, handed out in turn, so the calls in flight are always a mix of them. */
final class CallMix {
    private final List<MixedCall> calls;
    private final AtomicLong next = new AtomicLong();

    CallMix(List<MixedCall> calls) {
        if (calls.isEmpty()) {
            throw new IllegalArgumentException("no scripted calls to mix");
        }
        this.calls = List.copyOf(calls);
    }

    /**
     * @param flowsDir where the flows are, to tell which of them pause on a workflow timer
     */
    static CallMix of(DemoSuites suites, Path flowsDir) {
        List<MixedCall> calls = new ArrayList<>();
        for (ScriptedCalls suite : suites.suites()) {
            boolean timed = pausesOnTimer(flowsDir, suite.flow(), new HashSet<>());
            for (ScriptedCall call : suite.calls()) {
                calls.add(new MixedCall(suite.flow(), call, suites.numbers().get(suite.flow()), !timed));
            }
        }
        return new CallMix(calls);
    }

    MixedCall next() {
        return calls.get((int) (next.getAndIncrement() % calls.size()));
    }

    List<MixedCall> calls() {
        return calls;
    }

    /**
     * Whether the flow, or a subflow it calls, has a {@code wait} or {@code listen} node: after one of those the
     * next ACS request follows a workflow timer or the streaming worker, not the last callback.
     */
    static boolean pausesOnTimer(Path flowsDir, String flowName, Set<String> seen) {
        if (!seen.add(flowName)) {
            return false;
        }
        Flow flow;
        try {
            flow = FlowLoader.load(flowsDir.resolve(flowName + ".yaml"));
        } catch (FlowException e) {
            return true; // cannot tell: leave its calls out of the latency samples
        }
        for (Node node : flow.nodes().values()) {
            if (node instanceof Node.Wait || node instanceof Node.Listen) {
                return true;
            }
            if (node instanceof Node.Subflow subflow && pausesOnTimer(flowsDir, subflow.flow(), seen)) {
                return true;
            }
        }
        return false;
    }

    /**
     * One scripted call of a flow.
     *
     * @param number  the number the flow answers on (and outbound calls come from)
     * @param sampled whether its callbacks count towards event-to-action latency
     */
    record MixedCall(String flow, ScriptedCall call, String number, boolean sampled) {
        String label() {
            return flow + " / " + call.name();
        }
    }
}

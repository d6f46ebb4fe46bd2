package org.openivr.cli.soak;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/** Deterministic: it only passes the signals' own values to the activity. */
public final class SignalProbeWorkflowImpl implements SignalProbeWorkflow {
    private final Deque<Long> pending = new ArrayDeque<>();
    private final ProbeActivity activity = Workflow.newActivityStub(ProbeActivity.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());

    @Override
    public void run(int pings) {
        for (int handled = 0; handled < pings; handled++) {
            Workflow.await(() -> !pending.isEmpty());
            activity.started(pending.removeFirst());
        }
    }

    @Override
    public void ping(long sentNanos) {
        pending.addLast(sentNanos);
    }
}

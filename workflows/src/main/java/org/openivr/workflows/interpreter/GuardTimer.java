package org.openivr.workflows.interpreter;

import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One cancellable timer per wait. {@code Workflow.await(timeout, condition)} would leave its timer
 * running after the condition wins (SDK 1.38.0), and every stale timer later fires into history.
 */
final class GuardTimer {
    private final CancellationScope scope;
    private final Promise<Void> fired;

    private GuardTimer(CancellationScope scope, Promise<Void> fired) {
        this.scope = scope;
        this.fired = fired;
    }

    static GuardTimer start(Duration duration) {
        List<Promise<Void>> holder = new ArrayList<>(1);
        CancellationScope scope = Workflow.newCancellationScope(() -> holder.add(Workflow.newTimer(duration)));
        scope.run();
        return new GuardTimer(scope, holder.get(0));
    }

    boolean fired() {
        return fired.isCompleted();
    }

    void cancel() {
        if (!fired.isCompleted()) {
            scope.cancel();
        }
        // A cancelled timer's promise fails with CanceledFailure; reading it keeps the SDK from warning.
        fired.exceptionally(failure -> null);
    }
}

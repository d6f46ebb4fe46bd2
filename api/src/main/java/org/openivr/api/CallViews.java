package org.openivr.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.openivr.workflows.CallResult;
import org.openivr.workflows.TimelineEntry;

/** The JSON shapes of the calls API. Everything about a call comes from its workflow's {@code state} query. */
public final class CallViews {
    private CallViews() {}

    @Schema(name = "CallAccepted", description = "The call placed (or, for a repeated Idempotency-Key, the call placed"
            + " earlier). Follow it at its Location.")
    public record Accepted(
            @Schema(description = "The call's id (its workflow id)", example = "call-out-3f2a...") String id,
            @Schema(description = "The flow pinned for the call") String flow,
            @Schema(description = "SHA-256 of the pinned flow's content") String flowHash,
            @Schema(description = "True when the Idempotency-Key was seen before and this is the call it placed")
            boolean replayed) {}

    @Schema(name = "CallSummary", description = "An open call: where it is now")
    public record Summary(
            String id,
            @Schema(description = "The flow it runs") String flow,
            @Schema(description = "The node it is in (subflow/node inside a subflow), null before the flow starts")
            String node,
            @Schema(description = "answering | dialling | running | ended; unknown when the call did not answer the"
                    + " state query") String state,
            @Schema(description = "What the call waits for, e.g. RecognizeCompleted for 'main-menu' (op 4)")
            String waitingFor,
            @Schema(description = "When the call's workflow started") Instant startedAt) {}

    @Schema(name = "CallList")
    public record CallList(List<Summary> calls) {}

    @Schema(name = "CallDetails", description = "One call: its state and timeline; variables written by sensitive"
            + " nodes are masked (****)")
    public record Details(
            String id,
            String flow,
            String flowHash,
            @Schema(description = "answering | dialling | running | ended") String state,
            @Schema(description = "Temporal's view: RUNNING, COMPLETED, FAILED, TERMINATED, ...") String execution,
            String node,
            String waitingFor,
            @Schema(description = "When the current wait began (call clock, epoch millis), or 0") long waitingSinceMillis,
            Map<String, Object> variables,
            @Schema(description = "Every node the call entered, in order") List<String> path,
            @Schema(description = "The call's story, oldest first (at most the last 500 lines)") List<TimelineEntry> timeline,
            @Schema(description = "How the call ended (hungup-by-flow, busy, no-answer, rejected, failed, ...); null while"
                    + " it runs") CallResult result) {}

    @Schema(name = "HangUpRequested")
    public record HangUpRequested(String id,
                                  @Schema(description = "Always 'requested': the call ends shortly, as"
                                          + " hungup-by-operator") String hangUp) {}
}

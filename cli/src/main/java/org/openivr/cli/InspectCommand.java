package org.openivr.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openivr.api.ops.CallInspector;
import org.openivr.api.ops.CallReport;
import org.openivr.api.ops.CallSummary;
import org.openivr.api.ops.StuckRule;
import org.openivr.workflows.CallStateView;
import org.openivr.workflows.TimelineEntry;

/**
 * {@code ivr inspect ID [--hangup | --terminate [--reason TEXT]]}: one call's story from Temporal (its timeline as
 * the call tells it, masked where sensitive; its ACS operations with their events, retries and failures; what is in
 * flight; the workflow's stack trace), and the two operator actions. Exit 0, 1 when the call is unknown or
 * Temporal does not answer, 2 on bad usage.
 */
final class InspectCommand {
    private final PrintStream out;
    private final Map<String, String> env;

    InspectCommand(PrintStream out, Map<String, String> env) {
        this.out = out;
        this.env = env;
    }

    int run(List<String> args) {
        TemporalConnection.Options options = TemporalConnection.Options.parse("inspect", args,
                List.of("--hangup", "--terminate"), List.of("--reason"));
        List<String> rest = new java.util.ArrayList<>(options.rest());
        boolean hangUp = rest.remove("--hangup");
        boolean terminate = rest.remove("--terminate");
        String reason = null;
        int at = rest.indexOf("--reason");
        if (at >= 0) {
            reason = rest.get(at + 1);
            rest.remove(at + 1);
            rest.remove(at);
        }
        if (rest.size() != 1) {
            throw new UsageException("inspect needs exactly one call id");
        }
        if (hangUp && terminate) {
            throw new UsageException("inspect: --hangup or --terminate, not both");
        }
        String callId = rest.get(0);
        StuckRule rule = new StuckRule(options.stuckAfter());
        try (TemporalConnection temporal = TemporalConnection.open(options, env)) {
            CallInspector inspector = temporal.inspector(rule);
            if (hangUp || terminate) {
                return act(inspector, callId, hangUp, reason);
            }
            Optional<CallReport> report = inspector.inspect(callId);
            if (report.isEmpty()) {
                out.println("ivr inspect: Temporal at " + temporal.address() + " knows no call '" + callId + "'");
                return 1;
            }
            if (options.json()) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report.get()));
            } else {
                print(report.get());
            }
            return 0;
        } catch (TemporalConnection.Unreachable e) {
            out.println("ivr inspect: " + e.getMessage());
            return 1;
        } catch (StatusRuntimeException e) {
            out.println("ivr inspect: Temporal answered " + e.getStatus());
            return 1;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private int act(CallInspector inspector, String callId, boolean hangUp, String reason) {
        try {
            if (hangUp) {
                inspector.hangUp(callId);
                out.println("asked " + callId + " to hang up: its current node stops, ACS hangs up, the call ends");
            } else {
                inspector.terminate(callId, reason);
                out.println("terminated " + callId + " (no hang-up reached ACS: the phone call ends when ACS drops it)");
            }
            return 0;
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                out.println("ivr inspect: " + callId + " is not running (" + e.getStatus().getDescription() + ")");
                return 1;
            }
            throw e;
        }
    }

    private void print(CallReport r) {
        CallSummary s = r.summary();
        CallStateView state = r.state();
        out.printf("%s  %s  flow %s%s%n", r.callId(), s.verdict(), CallsCommand.dash(s.flow()),
                state != null && state.flowHash() != null ? " (" + state.flowHash().substring(0, Math.min(12, state.flowHash().length())) + ")" : "");
        out.printf("  workflow  %s, started %s%s, %d history events%n", r.workflowStatus(), time(r.startedAtMillis()),
                r.closedAtMillis() > 0 ? ", closed " + time(r.closedAtMillis()) : "", r.historyLength());
        out.printf("  status    %s%n", state != null ? state.status() : "unknown: " + r.stateError());
        out.printf("  node      %s%n", CallsCommand.dash(s.currentNode()));
        if (s.waitingFor() != null) {
            out.printf("  waiting   %s since %s (%s; allowed %s: %s)%n", s.waitingFor(), time(s.waitingSinceMillis()),
                    CallsCommand.seconds(s.waitedMillis()), CallsCommand.seconds(s.allowedMillis()), s.allowanceBasis());
        } else {
            out.println("  waiting   nothing");
        }
        if (s.reason() != null) {
            out.printf("  %-9s %s%n", s.verdict().toLowerCase(), s.reason());
        }
        if (state != null && state.result() != null) {
            out.printf("  ended     %s%s%n", state.result().ending(),
                    state.result().reason() == null ? "" : ": " + state.result().reason());
        }

        section("Timeline (the call's own, sensitive keys masked)");
        if (state == null || state.timeline().isEmpty()) {
            out.println("  (none: " + (r.stateError() != null ? "the state query did not answer" : "not started") + ")");
        } else {
            long start = state.timeline().get(0).atMillis();
            for (TimelineEntry entry : state.timeline()) {
                out.printf("  %7s  %-18s %-8s %s%n", "+" + CallsCommand.seconds(entry.atMillis() - start),
                        CallsCommand.dash(entry.node()), entry.kind(), entry.text() == null ? "" : entry.text());
            }
        }

        section("ACS operations (from the history)");
        if (r.operations().isEmpty()) {
            out.println("  (none)");
        }
        for (CallReport.Operation op : r.operations()) {
            String results = op.results().isEmpty()
                    ? (op.awaited() ? "NO RESULT EVENT: the call has waited " + CallsCommand.seconds(s.waitedMillis())
                    + " for it" : "-")
                    : String.join(", ", op.results());
            out.printf("  %7s  %-20s %-16s %-9s %s%s%n", "+" + CallsCommand.seconds(op.scheduledAtMillis() - r.startedAtMillis()),
                    op.operation(), CallsCommand.dash(op.context()), op.outcome(),
                    op.attempts() > 1 ? "(" + op.attempts() + " attempts) " : "", results);
            if (op.failure() != null) {
                out.printf("  %7s  %s%n", "", "failure: " + op.failure());
            }
        }

        section("Callback events (type, operation, result; keys are never shown)");
        if (r.events().isEmpty()) {
            out.println("  (none)");
        }
        for (CallReport.Event event : r.events()) {
            out.printf("  %7s  %-36s %-16s %s%n", "+" + CallsCommand.seconds(event.atMillis() - r.startedAtMillis()),
                    event.type(), CallsCommand.dash(event.context()), event.result() == null ? "" : event.result());
        }

        section("Retries and failures");
        if (r.failures().isEmpty()) {
            out.println("  (none)");
        }
        for (CallReport.Failure failure : r.failures()) {
            out.printf("  %s  %-20s %s%s: %s%n", time(failure.atMillis()), failure.kind(), CallsCommand.dash(failure.operation()),
                    failure.attempt() > 0 ? " attempt " + failure.attempt() : "", failure.message());
        }

        section("In flight (pending activities)");
        if (r.pending().isEmpty()) {
            out.println("  (none)");
        }
        for (CallReport.Pending p : r.pending()) {
            out.printf("  %-20s %-10s attempt %d%s%s%n", p.operation(), p.state(), p.attempt(),
                    p.nextAttemptAtMillis() > 0 ? ", next at " + time(p.nextAttemptAtMillis()) : "",
                    p.lastFailure() == null ? "" : ", last failure: " + p.lastFailure());
        }

        if (r.stackTrace() != null || r.stackTraceError() != null) {
            section("Workflow stack trace (__stack_trace)");
            if (r.stackTrace() != null) {
                ourFrames(r.stackTrace()).forEach(line -> out.println("  " + line));
            } else {
                out.println("  (did not answer: " + r.stackTraceError() + ")");
            }
        }
        if ("RUNNING".equals(r.workflowStatus())) {
            out.println();
            out.println("End it: ivr inspect " + r.callId() + " --hangup   (cleanly)   or   --terminate   (at once)");
        }
    }

    /**
     * Each workflow thread's header and the frames of the platform's own code (where in the flow it waits); the SDK's
     * frames in between are folded ({@code --json} has them all).
     */
    static java.util.List<String> ourFrames(String stackTrace) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        boolean folded = false;
        for (String line : stackTrace.lines().toList()) {
            boolean frame = line.contains("(") && line.contains(".java:") || line.contains("(Unknown Source)");
            if (!frame || line.contains("org.openivr.")) {
                lines.add(frame ? "  " + line.replaceFirst("^app//", "") : line);
                folded = false;
            } else if (!folded) {
                lines.add("  ...");
                folded = true;
            }
        }
        return lines;
    }

    private void section(String title) {
        out.println();
        out.println(title);
    }

    private static String time(long millis) {
        return millis <= 0 ? "-" : CallsCommand.TIME.format(Instant.ofEpochMilli(millis));
    }
}

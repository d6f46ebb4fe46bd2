package org.openivr.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.grpc.StatusRuntimeException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openivr.api.ops.CallListing;
import org.openivr.api.ops.CallSummary;
import org.openivr.api.ops.StuckRule;

/**
 * {@code ivr calls}: the open calls, stuck ones first: flow, current node, what each waits for and since when, and
 * the verdict of the {@link StuckRule}. Exit 0 when no call is stuck, 1 when one is (or Temporal does not answer),
 * 2 on bad usage: usable as a check.
 */
final class CallsCommand {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final int LIMIT = 1000;
    private final PrintStream out;
    private final Map<String, String> env;

    CallsCommand(PrintStream out, Map<String, String> env) {
        this.out = out;
        this.env = env;
    }

    int run(List<String> args) {
        TemporalConnection.Options options = TemporalConnection.Options.parse("calls", args, List.of("--stuck"), List.of());
        boolean onlyStuck = options.rest().remove("--stuck");
        if (!options.rest().isEmpty()) {
            throw new UsageException("calls does not take '" + options.rest().get(0) + "'");
        }
        StuckRule rule = new StuckRule(options.stuckAfter());
        try (TemporalConnection temporal = TemporalConnection.open(options, env)) {
            CallListing listing = temporal.directory(rule).openCalls(LIMIT);
            List<CallSummary> calls = onlyStuck ? listing.calls().stream().filter(CallSummary::stuck).toList() : listing.calls();
            if (options.json()) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(new CallListing(calls, listing.source(), listing.atMillis())));
            } else {
                print(temporal.address(), listing, calls, rule);
            }
            return listing.stuckCount() > 0 ? 1 : 0;
        } catch (TemporalConnection.Unreachable e) {
            out.println("ivr calls: " + e.getMessage());
            return 1;
        } catch (StatusRuntimeException e) {
            out.println("ivr calls: Temporal answered " + e.getStatus());
            return 1;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void print(String address, CallListing listing, List<CallSummary> calls, StuckRule rule) {
        out.printf("%d open call(s) on %s, %d stuck  (stuck: waiting longer than the node allows + %s; "
                        + "found by %s)%n", listing.calls().size(), address, listing.stuckCount(),
                seconds(rule.threshold().toMillis()), listing.source());
        if (calls.isEmpty()) {
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"VERDICT", "CALL", "FLOW", "STATE", "NODE", "WAITING FOR", "SINCE", "WAITED", "ALLOWED"});
        for (CallSummary call : calls) {
            rows.add(new String[] {call.verdict(), call.callId(), dash(call.flow()), dash(call.status()),
                    dash(call.currentNode()), dash(call.waitingFor()),
                    call.waitingSinceMillis() > 0 ? TIME.format(Instant.ofEpochMilli(call.waitingSinceMillis())) : "-",
                    call.waitingFor() == null ? "-" : seconds(call.waitedMillis()),
                    call.allowedMillis() > 0 ? seconds(call.allowedMillis()) : "-"});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                line.append(i == widths.length - 1 ? rows.get(r)[i] : String.format("%-" + widths[i] + "s  ", rows.get(r)[i]));
            }
            out.println(line.toString().stripTrailing());
            if (r > 0 && calls.get(r - 1).reason() != null) {
                out.println("    why: " + calls.get(r - 1).reason());
            }
        }
        if (listing.stuckCount() > 0) {
            out.println();
            out.println("Look inside one: ivr inspect CALL   (end it: ivr inspect CALL --hangup, or --terminate)");
        }
    }

    static String seconds(long millis) {
        if (millis < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        Duration d = Duration.ofMillis(millis);
        return d.toHours() > 0 ? d.toHours() + "h" + String.format("%02dm", d.toMinutesPart())
                : d.toMinutes() + "m" + String.format("%02ds", d.toSecondsPart());
    }

    static String dash(String text) {
        return text == null || text.isBlank() ? "-" : text;
    }
}

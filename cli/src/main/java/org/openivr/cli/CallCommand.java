package org.openivr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.openivr.workflows.TimelineEntry;

/**
 * {@code ivr call --to NUMBER --flow NAME [--from NUMBER] [--var NAME=VALUE ...] [--api URL] [--key KEY]}: places an
 * outbound call through a running platform's API ({@code POST /api/calls}) and prints the call's timeline live until
 * it ends. Exit 0 when the call was answered and ended, 1 when it was not answered (busy, no answer, declined), failed
 * or the API refused it, 2 for bad usage. Ctrl-C hangs the call up.
 */
final class CallCommand {
    static final String DEFAULT_API = "http://127.0.0.1:8080";
    private static final long POLL_MILLIS = 250;
    private static final int MAX_FAILED_POLLS = 40;
    private static final Set<String> ANSWERED = Set.of("hungup-by-flow", "hungup-by-caller", "hungup-by-operator",
            "transferred");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final Function<String, String> env;

    CallCommand(PrintStream out, Function<String, String> env) {
        this.out = out;
        this.env = env;
    }

    int run(List<String> args) {
        String to = null;
        String from = null;
        String flow = null;
        String api = blankToNull(env.apply("IVR_API_URL"));
        String key = blankToNull(env.apply("IVR_API_KEY"));
        Map<String, Object> variables = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--to" -> to = value(args, ++i, arg);
                case "--from" -> from = value(args, ++i, arg);
                case "--flow" -> flow = value(args, ++i, arg);
                case "--api" -> api = value(args, ++i, arg);
                case "--key" -> key = value(args, ++i, arg);
                case "--var" -> {
                    String assignment = value(args, ++i, arg);
                    int eq = assignment.indexOf('=');
                    if (eq <= 0) {
                        throw new UsageException("--var needs NAME=VALUE, not '" + assignment + "'");
                    }
                    variables.put(assignment.substring(0, eq), scalar(assignment.substring(eq + 1)));
                }
                default -> throw new UsageException("call does not know '" + arg + "'");
            }
        }
        if (to == null || flow == null) {
            throw new UsageException("call needs --to NUMBER and --flow NAME");
        }
        if (key == null) {
            throw new UsageException("call needs the platform's API key: --key KEY, or IVR_API_KEY (ivr serve prints it)");
        }
        ApiClient client;
        try {
            client = new ApiClient(api == null ? DEFAULT_API : api, key);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--api " + e.getMessage());
        }
        try {
            return place(client, to, from, flow, variables);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private int place(ApiClient client, String to, String from, String flow, Map<String, Object> variables)
            throws InterruptedException {
        JsonNode accepted;
        try {
            // One key for this command: if the request is sent again, it is still one call.
            accepted = client.placeCall(to, from, flow, variables, "ivr-call-" + UUID.randomUUID());
        } catch (ConnectException e) {
            out.println("ivr call: no platform answers at " + client.base() + " (start one with ./ivr serve, or give"
                    + " --api URL)");
            return 1;
        } catch (IOException e) {
            out.println("ivr call: the call was not placed: " + e.getMessage());
            return 1;
        }
        String id = accepted.path("id").asText();
        out.printf("Calling %s with flow %s: call %s%n", to, accepted.path("flow").asText(flow), id);
        Thread hangUpOnExit = new Thread(() -> hangUpQuietly(client, id), "ivr-call-hangup");
        Runtime.getRuntime().addShutdownHook(hangUpOnExit);
        try {
            return follow(client, id);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hangUpOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it hangs the call up
            }
        }
    }

    /** Prints new timeline lines until the call ends; the exit code says whether it was answered. */
    private int follow(ApiClient client, String id) throws InterruptedException {
        TimelinePrinter printer = new TimelinePrinter(out);
        TimelineEntry last = null;
        long start = -1;
        int failures = 0;
        while (true) {
            JsonNode call;
            try {
                call = client.call(id);
                failures = 0;
            } catch (IOException e) {
                if (++failures >= MAX_FAILED_POLLS) {
                    out.println("ivr call: lost the platform: " + e.getMessage());
                    return 1;
                }
                Thread.sleep(POLL_MILLIS);
                continue;
            }
            List<TimelineEntry> timeline = timeline(call.path("timeline"));
            if (start < 0 && !timeline.isEmpty()) {
                start = timeline.get(0).atMillis();
            }
            int from = last == null ? 0 : timeline.lastIndexOf(last) + 1;
            for (int i = from; i < timeline.size(); i++) {
                printer.entry("", start, timeline.get(i));
                last = timeline.get(i);
            }
            if ("ended".equals(call.path("state").asText()) || !call.path("result").isMissingNode()
                    && !call.path("result").isNull()) {
                JsonNode result = call.path("result");
                String ending = result.path("ending").asText("unknown");
                String reason = result.path("reason").isTextual() ? " (" + result.path("reason").asText() + ")" : "";
                out.printf("Call %s ended %s%s; path: %s%n", id, ending, reason, path(result.path("path")));
                return ANSWERED.contains(ending) ? 0 : 1;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static List<TimelineEntry> timeline(JsonNode entries) {
        List<TimelineEntry> timeline = new ArrayList<>();
        for (JsonNode entry : entries) {
            timeline.add(new TimelineEntry(entry.path("atMillis").asLong(), entry.path("kind").asText(null),
                    entry.path("node").isTextual() ? entry.path("node").asText() : null, entry.path("text").asText("")));
        }
        return timeline;
    }

    private static String path(JsonNode path) {
        List<String> nodes = new ArrayList<>();
        path.forEach(n -> nodes.add(n.asText()));
        return nodes.isEmpty() ? "-" : String.join(" > ", nodes);
    }

    private void hangUpQuietly(ApiClient client, String id) {
        try {
            client.hangUp(id);
            out.println("ivr call: hung up " + id);
        } catch (IOException | InterruptedException | RuntimeException e) {
            // already ended, or the platform is gone
        }
    }

    /** A --var value: a JSON number, boolean or quoted string as such, anything else as text. */
    static Object scalar(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node != null && node.isValueNode() && !node.isNull()) {
                if (node.isTextual()) {
                    return node.asText();
                }
                if (node.isBoolean()) {
                    return node.asBoolean();
                }
                if (node.isIntegralNumber() && node.canConvertToLong()) {
                    return node.asLong();
                }
                if (node.isNumber()) {
                    return node.asDouble();
                }
            }
        } catch (IOException notJson) {
            // plain text
        }
        return text;
    }

    private static String value(List<String> args, int at, String option) {
        if (at >= args.size() || args.get(at).startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(at);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

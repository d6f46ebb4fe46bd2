package org.openivr.flows;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A test-only walk of a flow by a scripted caller, under the semantics the example's expected paths
 * assume (the workflow interpreter implements the real thing):
 *
 * <ul>
 *   <li>path: every node entered, once per entry; a menu or ask that asks again is not entered again;
 *       a node of a subflow is written {@code FLOW/NODE};
 *   <li>a scripted step (press or hangup) waits until the call listens (a menu or an ask);
 *   <li>a menu takes one key: a key that is not an option is a no-match, and counts as an attempt;
 *   <li>an ask takes the keys up to its stop key (not kept) or its maximum; fewer than the minimum or
 *       not matching the pattern is a no-match;
 *   <li>after the script ends the caller is silent: every listen is a no-input;
 *   <li>when attempts run out the node's outcome is 'failed' (else defaults.onError);
 *   <li>the call's clock starts at the call's {@code at} and moves only on {@code wait}; {@code hours}
 *       reads it;
 *   <li>{@code subflow} runs the other flow with the same variables (the ones only it declares are
 *       added with their initial values) and {@code return} comes back to the subflow node's
 *       {@code next}; {@code return} in the flow the call started with ends the call like hangup;
 *   <li>a hangup node or the target 'hangup' ends the call: hungup-by-flow.
 * </ul>
 */
final class SimulatedCall {
    record Outcome(List<String> path, Map<String, Object> variables, String ends) {}

    private static final int MAX_STEPS = 1_000;

    /** A subflow being run: where to go once it returns. */
    private record Frame(Flow flow, String next) {}

    private SimulatedCall() {}

    /** The verbs this simulation runs; flows with others are left to the interpreter's own tests. */
    static final java.util.Set<String> VERBS = java.util.Set.of("play", "menu", "ask", "set", "when", "hours", "wait",
            "subflow", "hangup");

    static boolean canRun(Flow flow) {
        return flow.nodes().values().stream().allMatch(node -> VERBS.contains(node.verb()));
    }

    static Outcome run(Flow flow, ScriptedCall call) {
        return run(flow, call, name -> {
            throw new AssertionError("flow '" + flow.name() + "' runs subflow '" + name + "'");
        });
    }

    static Outcome run(Flow top, ScriptedCall call, Function<String, Flow> subflows) {
        Map<String, Object> variables = new LinkedHashMap<>(top.variables());
        Deque<CallerAction> script = new ArrayDeque<>(call.caller().stream()
                .filter(a -> a instanceof CallerAction.Press || a instanceof CallerAction.HangUp).toList());
        List<String> path = new ArrayList<>();
        Deque<Frame> frames = new ArrayDeque<>();
        Instant now = call.at() == null ? Instant.EPOCH : call.at().toInstant();
        String input = "";
        Flow flow = top;
        ExpressionEvaluator evaluator = ExpressionEvaluator.forFlow(flow);
        String current = flow.start();
        for (int step = 0; step < MAX_STEPS; step++) {
            if (Targets.RETURN.equals(current) && !frames.isEmpty()) {
                Frame frame = frames.pop();
                flow = frame.flow();
                evaluator = ExpressionEvaluator.forFlow(flow);
                current = frame.next();
                continue;
            }
            if (Targets.isReserved(current)) {
                return new Outcome(path, variables, "hungup-by-flow");
            }
            path.add(frames.isEmpty() ? current : flow.name() + "/" + current);
            Node node = flow.node(current);
            EvaluationContext ctx = new EvaluationContext(variables, "call-1", call.from(), "+18005550100", input, now, 1);
            if (node instanceof Node.Play play) {
                for (Prompt prompt : play.prompt()) {
                    say(evaluator, prompt, ctx);
                }
                current = play.next();
            } else if (node instanceof Node.Set set) {
                for (Map.Entry<String, String> assignment : set.assignments().entrySet()) {
                    variables.put(assignment.getKey(), evaluator.assign(assignment.getKey(), assignment.getValue(), ctx));
                }
                current = set.next();
            } else if (node instanceof Node.When when) {
                ExpressionEvaluator conditions = evaluator;
                current = when.branches().stream()
                        .filter(b -> conditions.test(b.condition(), ctx)).map(Node.When.Branch::target)
                        .findFirst().orElse(when.otherwise());
            } else if (node instanceof Node.Hours hours) {
                current = hours.on().get(hours.outcome(now));
            } else if (node instanceof Node.Wait wait) {
                now = now.plus(wait.duration());
                current = wait.next();
            } else if (node instanceof Node.Subflow subflow) {
                frames.push(new Frame(flow, subflow.next()));
                flow = subflows.apply(subflow.flow());
                flow.variables().forEach(variables::putIfAbsent);
                evaluator = ExpressionEvaluator.forFlow(flow);
                current = flow.start();
            } else if (node instanceof Node.Hangup) {
                return new Outcome(path, variables, "hungup-by-flow");
            } else if (node instanceof Node.Menu menu) {
                String next = null;
                for (int attempt = 1; attempt <= menu.attempts() && next == null; attempt++) {
                    CallerAction action = script.poll();
                    if (action instanceof CallerAction.HangUp) {
                        return new Outcome(path, variables, "hungup-by-caller");
                    }
                    if (action instanceof CallerAction.Press press) {
                        input = press.keys().substring(0, 1);
                        next = menu.options().get(input);
                    }
                }
                current = next != null ? next : menu.onOutcome("failed", flow.defaults()).orElseThrow();
            } else if (node instanceof Node.Ask ask) {
                String next = null;
                for (int attempt = 1; attempt <= ask.attempts() && next == null; attempt++) {
                    CallerAction action = script.poll();
                    if (action instanceof CallerAction.HangUp) {
                        return new Outcome(path, variables, "hungup-by-caller");
                    }
                    if (action instanceof CallerAction.Press press) {
                        String keys = collect(press.keys(), ask);
                        if (keys.length() >= ask.minDigits()
                                && (ask.pattern() == null || Pattern.matches(ask.pattern(), keys))) {
                            input = keys;
                            variables.put(ask.into(), keys);
                            next = ask.on().get("ok");
                        }
                    }
                }
                current = next != null ? next : ask.onOutcome("failed", flow.defaults()).orElseThrow();
            } else {
                throw new AssertionError("this simulation does not run verb '" + node.verb() + "'");
            }
        }
        throw new AssertionError("call '" + call.name() + "' never ended: " + path);
    }

    private static String collect(String pressed, Node.Ask ask) {
        StringBuilder keys = new StringBuilder();
        for (char key : pressed.toCharArray()) {
            if (ask.stopOn() != null && ask.stopOn().equals(String.valueOf(key))) {
                break;
            }
            keys.append(key);
            if (keys.length() == ask.maxDigits()) {
                break;
            }
        }
        return keys.toString();
    }

    /** Interpolates a prompt, as playing it would: an expression that fails fails the test. */
    private static void say(ExpressionEvaluator evaluator, Prompt prompt, EvaluationContext ctx) {
        if (prompt instanceof Prompt.Text text) {
            evaluator.interpolate(text.text(), ctx);
        }
    }
}

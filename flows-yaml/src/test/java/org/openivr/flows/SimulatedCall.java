package org.openivr.flows;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A test-only walk of a flow by a scripted caller, under the semantics the example's expected paths
 * assume (the workflow interpreter implements the real thing):
 *
 * <ul>
 *   <li>path: every node entered, once per entry; a menu or ask that asks again is not entered again;
 *   <li>a scripted step (press or hangup) waits until the call listens (a menu or an ask);
 *   <li>a menu takes one key: a key that is not an option is a no-match, and counts as an attempt;
 *   <li>an ask takes the keys up to its stop key (not kept) or its maximum; fewer than the minimum or
 *       not matching the pattern is a no-match;
 *   <li>after the script ends the caller is silent: every listen is a no-input;
 *   <li>when attempts run out the node's outcome is 'failed' (else defaults.onError);
 *   <li>a hangup node or the target 'hangup' ends the call: hungup-by-flow.
 * </ul>
 */
final class SimulatedCall {
    record Outcome(List<String> path, Map<String, Object> variables, String ends) {}

    private static final int MAX_STEPS = 1_000;

    private SimulatedCall() {}

    static Outcome run(Flow flow, ScriptedCall call) {
        ExpressionEvaluator evaluator = ExpressionEvaluator.forFlow(flow);
        Map<String, Object> variables = new LinkedHashMap<>(flow.variables());
        Deque<CallerAction> script = new ArrayDeque<>(call.caller().stream()
                .filter(a -> a instanceof CallerAction.Press || a instanceof CallerAction.HangUp).toList());
        List<String> path = new ArrayList<>();
        Instant now = call.at() == null ? Instant.EPOCH : call.at().toInstant();
        String input = "";
        String current = flow.start();
        for (int step = 0; step < MAX_STEPS; step++) {
            if (Targets.isReserved(current)) {
                return new Outcome(path, variables, "hungup-by-flow");
            }
            path.add(current);
            Node node = flow.node(current);
            EvaluationContext ctx = new EvaluationContext(variables, "call-1", call.from(), "+18005550100", input, now, 1);
            if (node instanceof Node.Play play) {
                play.prompt().forEach(p -> say(evaluator, p, ctx));
                current = play.next();
            } else if (node instanceof Node.Set set) {
                set.assignments().forEach((name, expression) -> variables.put(name,
                        evaluator.assign(name, expression, ctx)));
                current = set.next();
            } else if (node instanceof Node.When when) {
                current = when.branches().stream()
                        .filter(b -> evaluator.test(b.condition(), ctx)).map(Node.When.Branch::target)
                        .findFirst().orElse(when.otherwise());
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

package org.openivr.flows;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.openivr.flows.FlowReader.Exit;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The checks that need the whole flow: targets that do not exist, nodes that cannot be reached,
 * failures that go nowhere, menu keys that are also anytime keys, and loops that never wait for the
 * caller and never end.
 */
final class FlowChecks {
    /** Verbs that let time pass, so that anytime keys give the caller a way out of a loop of them. */
    private static final Set<String> PASSES_TIME = Set.of("play", "wait", "hold");

    private final Problems problems;
    private final FlowReader flow;
    /** Node id -> the node ids its exits lead to (file order, no reserved targets). */
    private final Map<String, Set<String>> edges = new LinkedHashMap<>();
    /** Nodes with an exit to a reserved target (the call ends or leaves the flow there). */
    private final Set<String> ends = new LinkedHashSet<>();

    FlowChecks(Problems problems, FlowReader flow) {
        this.problems = problems;
        this.flow = flow;
    }

    void run(String start, ScalarNode startAt) {
        checkStart(start, startAt);
        checkTargets();
        buildGraph();
        checkFailures();
        checkReachable(start);
        checkAnytimeKeys();
        checkLoops();
        checkRecording(start);
    }

    private boolean isNode(String target) {
        return flow.nodeKeys().containsKey(target);
    }

    private void checkStart(String start, ScalarNode startAt) {
        if (start == null || isNode(start)) {
            return;
        }
        problems.error(startAt, "start '" + start + "' is not a node"
                + Suggestions.didYouMean(start, flow.nodeKeys().keySet()));
    }

    private void checkTargets() {
        for (Exit exit : flow.exits()) {
            if (Targets.isReserved(exit.target()) || isNode(exit.target())) {
                continue;
            }
            List<String> candidates = new ArrayList<>(flow.nodeKeys().keySet());
            candidates.remove(exit.from());
            candidates.addAll(List.of(Targets.HANGUP, Targets.RETURN));
            String source = exit.from() == null ? exit.label() : "node '" + exit.from() + "'";
            problems.error(exit.at(), source + " goes to '" + exit.target() + "', which does not exist"
                    + Suggestions.didYouMean(exit.target(), candidates));
        }
    }

    private void buildGraph() {
        for (String id : flow.nodeKeys().keySet()) {
            edges.put(id, new LinkedHashSet<>());
        }
        for (Exit exit : flow.exits()) {
            if (exit.from() == null) {
                continue;
            }
            if (Targets.isReserved(exit.target())) {
                ends.add(exit.from());
            } else if (isNode(exit.target())) {
                edges.get(exit.from()).add(exit.target());
            }
        }
        for (String id : flow.nodeKeys().keySet()) {
            if ("transfer".equals(flow.verb(id))) {
                ends.add(id); // a transfer that works takes the caller out of the flow
            }
        }
        String onError = flow.defaults().onError();
        for (String id : flow.nodeKeys().keySet()) {
            if (failsToDefault(id) && onError != null) {
                if (Targets.isReserved(onError)) {
                    ends.add(id);
                } else if (isNode(onError)) {
                    edges.get(id).add(onError);
                }
            }
        }
    }

    /**
     * Menus and asks fail when attempts run out, and verbs that ask ACS to act fail when it cannot; without
     * their own 'on.failed' the flow's onError applies.
     */
    private boolean failsToDefault(String id) {
        String verb = flow.verb(id);
        return verb != null && FlowReader.FAILING_VERBS.contains(verb) && !flow.writesOutcome(id, FlowReader.FAILED);
    }

    /** Verbs that wait for the caller. */
    private static boolean isInput(String verb) {
        return "menu".equals(verb) || "ask".equals(verb) || "listen".equals(verb);
    }

    private void checkFailures() {
        if (flow.defaults().onError() != null) {
            return;
        }
        for (String id : flow.nodeKeys().keySet()) {
            if (failsToDefault(id)) {
                problems.error(flow.verbKeys().get(id), "node '" + id + "': outcome 'failed' goes nowhere: add"
                        + " 'on: {failed: TARGET}' or 'defaults: {onError: TARGET}'");
            }
        }
    }

    private void checkReachable(String start) {
        if (start == null || !isNode(start)) {
            return;
        }
        Set<String> reached = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(start);
        // Anytime keys work during any node, so their targets are reachable from the start.
        flow.exits().stream()
                .filter(e -> e.from() == null && e.label().startsWith("anytime") && isNode(e.target()))
                .forEach(e -> queue.add(e.target()));
        while (!queue.isEmpty()) {
            String id = queue.poll();
            if (reached.add(id)) {
                queue.addAll(edges.get(id));
            }
        }
        for (Map.Entry<String, ScalarNode> node : flow.nodeKeys().entrySet()) {
            if (!reached.contains(node.getKey())) {
                problems.warning(node.getValue(), "node '" + node.getKey() + "' cannot be reached from start '"
                        + start + "'");
            }
        }
    }

    private void checkAnytimeKeys() {
        for (Map.Entry<String, Map<String, ScalarNode>> menu : flow.menuKeys().entrySet()) {
            for (Map.Entry<String, ScalarNode> key : menu.getValue().entrySet()) {
                if (flow.anytimeKeys().containsKey(key.getKey())) {
                    problems.warning(key.getValue(), "key '" + key.getKey() + "' of menu '" + menu.getKey()
                            + "' is also an anytime key: callers cannot tell which one it does");
                }
            }
        }
    }

    /**
     * A group of nodes that lead only to each other (a strongly connected component with no way out)
     * and never wait for the caller runs forever: an error. Playing counts as waiting when anytime keys
     * give the caller a way out (music on a loop until the caller presses 0).
     */
    private void checkLoops() {
        boolean anytime = !flow.anytimeKeys().isEmpty();
        for (List<String> component : stronglyConnectedComponents()) {
            String first = component.get(0);
            boolean loops = component.size() > 1 || edges.get(first).contains(first);
            if (!loops) {
                continue;
            }
            Set<String> members = Set.copyOf(component);
            boolean closed = component.stream().allMatch(id -> !ends.contains(id) && members.containsAll(edges.get(id)));
            boolean waits = component.stream().anyMatch(id -> {
                String verb = flow.verb(id);
                return verb == null || verb.equals("subflow") // we cannot tell: assume it waits
                        || isInput(verb) || (anytime && PASSES_TIME.contains(verb));
            });
            if (closed && !waits) {
                List<String> inFileOrder = flow.nodeKeys().keySet().stream().filter(members::contains).toList();
                String names = inFileOrder.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", "));
                problems.error(flow.nodeKeys().get(inFileOrder.get(0)), (component.size() == 1 ? "node " : "nodes ")
                        + names + " loop forever: the call never waits for the caller and never ends");
            }
        }
    }

    /** Whether a recording is going, as far as the flow can tell: none (never started, or stopped), active, paused. */
    private enum Recording { NONE, ACTIVE, PAUSED }

    /** A node entered with the recording in some state. */
    private record Visit(String node, Recording recording) {}

    /**
     * {@code record pause}, {@code resume} or {@code stop} on a path from {@code start} where no recording
     * was started (or it was stopped): every (node, recording state) a call can reach is explored, anytime
     * keys included, and the first path found to the node is shown.
     */
    private void checkRecording(String start) {
        if (start == null || !isNode(start) || flow.nodes().values().stream().noneMatch(n -> n instanceof Node.Record)) {
            return;
        }
        List<String> anytimeTargets = flow.exits().stream()
                .filter(e -> e.from() == null && e.label().startsWith("anytime") && isNode(e.target()))
                .map(Exit::target)
                .toList();
        Map<Visit, Visit> cameFrom = new HashMap<>();
        Deque<Visit> queue = new ArrayDeque<>();
        Visit first = new Visit(start, Recording.NONE);
        cameFrom.put(first, first);
        queue.add(first);
        Set<String> reported = new LinkedHashSet<>();
        while (!queue.isEmpty()) {
            Visit visit = queue.poll();
            Node node = flow.nodes().get(visit.node());
            Recording after = visit.recording();
            if (node instanceof Node.Record record) {
                if (record.action() != Node.Record.Action.START && visit.recording() == Recording.NONE
                        && reported.add(visit.node())) {
                    problems.error(flow.verbKeys().get(visit.node()), "node '" + visit.node() + "' "
                            + record.action().name().toLowerCase(java.util.Locale.ROOT) + "s the recording, but a call"
                            + " can get here with no recording started (" + path(visit, cameFrom) + "): add"
                            + " 'record: start' before it");
                }
                after = switch (record.action()) {
                    case START -> record.paused() ? Recording.PAUSED : Recording.ACTIVE;
                    case PAUSE -> Recording.PAUSED;
                    case RESUME -> Recording.ACTIVE;
                    case STOP -> Recording.NONE;
                };
            }
            List<String> next = new ArrayList<>(edges.get(visit.node()));
            next.addAll(anytimeTargets);
            for (String target : next) {
                Visit following = new Visit(target, after);
                if (!cameFrom.containsKey(following)) {
                    cameFrom.put(following, visit);
                    queue.add(following);
                }
            }
        }
    }

    /** "welcome -> main-menu -> pause", the way a visit was reached. */
    private static String path(Visit visit, Map<Visit, Visit> cameFrom) {
        List<String> nodes = new ArrayList<>();
        Visit at = visit;
        while (true) {
            nodes.add(0, at.node());
            Visit previous = cameFrom.get(at);
            if (previous.equals(at)) {
                break;
            }
            at = previous;
        }
        return String.join(" -> ", nodes);
    }

    /** Tarjan's algorithm, iterative so that long chains of nodes cannot overflow the stack. */
    private List<List<String>> stronglyConnectedComponents() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new LinkedHashSet<>();
        List<List<String>> components = new ArrayList<>();
        int counter = 0;
        for (String root : edges.keySet()) {
            if (index.containsKey(root)) {
                continue;
            }
            Deque<Map.Entry<String, Iterator<String>>> work = new ArrayDeque<>();
            index.put(root, counter);
            low.put(root, counter++);
            stack.push(root);
            onStack.add(root);
            work.push(Map.entry(root, edges.get(root).iterator()));
            while (!work.isEmpty()) {
                String node = work.peek().getKey();
                Iterator<String> next = work.peek().getValue();
                if (next.hasNext()) {
                    String target = next.next();
                    if (!index.containsKey(target)) {
                        index.put(target, counter);
                        low.put(target, counter++);
                        stack.push(target);
                        onStack.add(target);
                        work.push(Map.entry(target, edges.get(target).iterator()));
                    } else if (onStack.contains(target)) {
                        low.put(node, Math.min(low.get(node), index.get(target)));
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    String parent = work.peek().getKey();
                    low.put(parent, Math.min(low.get(parent), low.get(node)));
                }
                if (low.get(node).equals(index.get(node))) {
                    List<String> component = new ArrayList<>();
                    String member;
                    do {
                        member = stack.pop();
                        onStack.remove(member);
                        component.add(member);
                    } while (!member.equals(node));
                    components.add(component);
                }
            }
        }
        return components;
    }
}

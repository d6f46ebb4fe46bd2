package org.openivr.workflows.interpreter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.openivr.flows.ExpressionEvaluator;
import org.openivr.flows.Flow;
import org.openivr.flows.FlowLoader;

/**
 * Parsed pinned flows and their expression evaluators, shared by the calls that run the same pinned text. Parsing
 * and type-checking a flow, then compiling its expressions, took a tenth of the worker's CPU at 500 calls
 * ({@code ivr soak}): every call did it again for the same few flows, and again on every replay.
 *
 * <p>Static, which workflow code otherwise avoids, because it only memoizes pure functions: a parse depends on
 * nothing but the pinned file name and texts (the key, in full), the interpreter never changes a parsed flow, and an
 * evaluator's cache of compiled programs is thread-safe and holds only what compiling the same text gives. A call
 * that finds its flow here therefore runs and replays exactly as one that parses it. A flow that does not load is
 * not kept: its error is raised every time.
 */
final class PinnedFlowCache {
    private static final int MAX_FLOWS = 256;

    record Parsed(Flow flow, ExpressionEvaluator evaluator) {
    }

    private record Key(String file, String content, Map<String, String> subflows) {
    }

    private static final Map<Key, Parsed> PARSED = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Parsed> eldest) {
            return size() > MAX_FLOWS;
        }
    };

    private PinnedFlowCache() {
    }

    /** @throws org.openivr.flows.FlowException when the pinned flow does not load */
    static Parsed parse(String file, String content, Map<String, String> pinnedSubflows) {
        Key key = new Key(file, content, Map.copyOf(pinnedSubflows));
        synchronized (PARSED) {
            Parsed parsed = PARSED.get(key);
            if (parsed != null) {
                return parsed;
            }
        }
        Function<String, Optional<String>> subflows = name -> Optional.ofNullable(pinnedSubflows.get(name));
        Flow flow = FlowLoader.parse(file, content, subflows);
        Parsed parsed = new Parsed(flow, new ExpressionEvaluator(flow.variables()));
        synchronized (PARSED) {
            return PARSED.computeIfAbsent(key, k -> parsed);
        }
    }
}

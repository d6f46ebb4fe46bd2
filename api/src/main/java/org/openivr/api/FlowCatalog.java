package org.openivr.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openivr.flows.Flow;
import org.openivr.flows.FlowException;
import org.openivr.flows.FlowLoader;
import org.openivr.flows.Node;
import org.openivr.workflows.PinnedFlow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The flows on disk, read afresh for every new call so an edited file takes effect at the next
 * call and never in the middle of one (parsed again only when a text changed). A file that no longer
 * validates does not take a line down: calls keep getting its last good version, and the problem is logged.
 */
@Component
public class FlowCatalog {
    private static final Logger log = LoggerFactory.getLogger(FlowCatalog.class);
    private final Path directory;
    private final Map<String, PinnedFlow> lastGood = new ConcurrentHashMap<>();

    public FlowCatalog(ApiProperties properties) {
        this.directory = Path.of(properties.flowsDir());
    }

    /** The flow to pin for a new call, or empty when there is no usable version of it. */
    public Optional<PinnedFlow> pin(String name) {
        if (name == null || !name.matches("[a-z0-9-]+")) {
            return Optional.empty();
        }
        Path file = directory.resolve(name + ".yaml");
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            PinnedFlow previous = lastGood.get(name);
            if (previous != null && previous.content().equals(content) && subflowsUnchanged(previous)) {
                return Optional.of(previous); // the same texts validate the same: no need to parse them again
            }
            Flow flow = FlowLoader.parse(file.toString(), content);
            Map<String, String> subflows = new TreeMap<>();
            pinSubflows(flow, subflows);
            PinnedFlow pinned = new PinnedFlow(name, FlowLoader.contentHash(content), content, file.toString(), subflows);
            lastGood.put(name, pinned);
            return Optional.of(pinned);
        } catch (FlowException e) {
            log.error("flow {} does not validate; new calls use its last good version if any:\n{}", name, e.getMessage());
        } catch (IOException e) {
            log.error("flow {} cannot be read from {}: {}", name, file, e.getMessage());
        }
        return Optional.ofNullable(lastGood.get(name));
    }

    private boolean subflowsUnchanged(PinnedFlow pinned) {
        try {
            for (Map.Entry<String, String> subflow : pinned.subflows().entrySet()) {
                Path file = directory.resolve(subflow.getKey() + ".yaml");
                if (!Files.readString(file, StandardCharsets.UTF_8).equals(subflow.getValue())) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false; // parsed again, which reports what is wrong
        }
    }

    /** Every flow this one calls, directly or not, pinned with it: a call never mixes versions. */
    private void pinSubflows(Flow flow, Map<String, String> pinned) throws IOException {
        for (Node node : flow.nodes().values()) {
            if (node instanceof Node.Subflow call && !pinned.containsKey(call.flow())) {
                Path file = directory.resolve(call.flow() + ".yaml");
                String content = Files.readString(file, StandardCharsets.UTF_8);
                pinned.put(call.flow(), content);
                pinSubflows(FlowLoader.parse(file.toString(), content), pinned);
            }
        }
    }
}

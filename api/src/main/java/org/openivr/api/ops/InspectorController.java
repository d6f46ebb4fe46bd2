package org.openivr.api.ops;

import io.temporal.api.common.v1.WorkflowExecution;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openivr.api.ApiProperties;
import org.openivr.flows.Flow;
import org.openivr.flows.FlowLoader;
import org.openivr.flows.FlowProblem;
import org.openivr.flows.MermaidDiagram;
import org.openivr.workflows.PinnedFlow;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The inspector page's JSON ({@code /inspector/api/...}), read-only: the flows on disk with their diagrams, the
 * open calls with the stuck verdict, and one call's report with its pinned flow's diagram, the current node
 * highlighted.
 */
@RestController
@RequestMapping(path = "/inspector/api", produces = "application/json")
public class InspectorController {
    private static final Pattern FLOW_NAME = Pattern.compile("[a-z0-9-]{1,100}");
    private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9._:-]{1,200}");
    private static final int LIMIT = 500;
    private static final int RECENT = 20;
    private final CallDirectory directory;
    private final CallInspector inspector;
    private final Path flowsDir;

    public InspectorController(CallDirectory directory, CallInspector inspector, ApiProperties properties) {
        this.directory = directory;
        this.inspector = inspector;
        this.flowsDir = Path.of(properties.flowsDir());
    }

    /** One flow file: its name, and either its description and node count or its first error. */
    public record FlowEntry(String name, String description, int nodes, String file, String error) {}

    /** A flow's diagram. {@code nodeIds} maps node ids to the Mermaid ids of their shapes. */
    public record FlowView(String name, String description, String file, String mermaid, Map<String, String> nodeIds) {}

    /** One call: its report, and the diagram of the flow its current node belongs to (null when unreadable). */
    public record CallView(CallReport report, FlowView diagram) {}

    /** The open calls, and the latest ended ones. */
    public record CallsView(List<CallSummary> calls, List<CallSummary> recent, String source, long stuckAfterMillis,
                            long atMillis) {}

    @GetMapping("/flows")
    public List<FlowEntry> flows() {
        List<FlowEntry> flows = new ArrayList<>();
        for (Path file : flowFiles()) {
            String name = file.getFileName().toString().replaceFirst("\\.yaml$", "");
            FlowLoader.Result result = check(file);
            if (result.hasErrors()) {
                String error = result.problems().stream().filter(FlowProblem::isError).findFirst()
                        .map(FlowProblem::toString).orElse("does not validate");
                flows.add(new FlowEntry(name, null, 0, file.toString(), error));
            } else {
                flows.add(new FlowEntry(name, result.flow().description(), result.flow().nodes().size(),
                        file.toString(), null));
            }
        }
        return flows;
    }

    @GetMapping("/flows/{name}")
    public FlowView flow(@PathVariable("name") String name) {
        if (!FLOW_NAME.matcher(name).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no flow '" + name + "'");
        }
        Path file = flowsDir.resolve(name + ".yaml");
        if (!Files.isRegularFile(file)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no flow '" + name + "' in " + flowsDir);
        }
        FlowLoader.Result result = check(file);
        if (result.hasErrors()) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY, name + " does not validate: "
                    + result.problems().stream().filter(FlowProblem::isError).findFirst().map(FlowProblem::toString).orElse(""));
        }
        return view(result.flow(), file.toString(), MermaidDiagram.render(result.flow()));
    }

    @GetMapping("/calls")
    public CallsView calls() {
        CallListing open = directory.openCalls(LIMIT);
        return new CallsView(open.calls(), directory.recentCalls(RECENT), open.source(),
                directory.rule().threshold().toMillis(), open.atMillis());
    }

    @GetMapping("/calls/{callId}")
    public CallView call(@PathVariable("callId") String callId) {
        if (!CALL_ID.matcher(callId).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no call '" + callId + "'");
        }
        CallReport report = inspector.inspect(callId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Temporal knows no call '" + callId + "'"));
        return new CallView(report, diagram(report));
    }

    private FlowView diagram(CallReport report) {
        try {
            WorkflowExecution execution = WorkflowExecution.newBuilder().setWorkflowId(report.callId())
                    .setRunId(report.runId()).build();
            PinnedFlow pinned = directory.pinnedFlow(execution).orElse(null);
            if (pinned == null) {
                return null;
            }
            String current = report.state() != null ? report.state().currentNode() : report.summary().currentNode();
            List<String> path = report.state() != null ? report.state().path() : List.of();
            String prefix = current != null && current.contains("/") ? current.substring(0, current.indexOf('/') + 1) : "";
            Flow flow = directory.flowOf(execution, current);
            if (flow == null) {
                return null;
            }
            List<String> visited = path.stream().filter(p -> prefix.isEmpty() ? !p.contains("/") : p.startsWith(prefix))
                    .map(p -> p.substring(prefix.length())).toList();
            String node = current == null ? null : current.substring(prefix.length());
            boolean ended = report.state() != null && "ended".equals(report.state().status());
            return view(flow, pinned.file(), FlowDiagrams.render(flow, visited, ended ? null : node));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static FlowView view(Flow flow, String file, String mermaid) {
        Map<String, String> ids = new LinkedHashMap<>();
        flow.nodes().keySet().forEach(id -> ids.put(id, FlowDiagrams.mermaidId(flow, id)));
        return new FlowView(flow.name(), flow.description(), file, mermaid, ids);
    }

    private List<Path> flowFiles() {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(flowsDir)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(flowsDir, "*.yaml")) {
            for (Path file : stream) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".calls.yaml")) {
                    files.add(file);
                }
            }
        } catch (IOException e) {
            throw new ResponseStatusException(HttpStatus.INTERNAL_SERVER_ERROR, "cannot list " + flowsDir);
        }
        files.sort(null);
        return files;
    }

    private FlowLoader.Result check(Path file) {
        try {
            return FlowLoader.check(file.toString(), Files.readString(file, StandardCharsets.UTF_8),
                    FlowLoader.folder(flowsDir));
        } catch (IOException e) {
            throw new ResponseStatusException(HttpStatus.INTERNAL_SERVER_ERROR, "cannot read " + file);
        }
    }
}

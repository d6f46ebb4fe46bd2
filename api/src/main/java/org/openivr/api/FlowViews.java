package org.openivr.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.openivr.flows.FlowProblem;

/** The JSON shapes of the flows API. */
public final class FlowViews {
    private FlowViews() {}

    @Schema(name = "FlowProblem", description = "One thing wrong with a flow file, at its exact position")
    public record Problem(
            @Schema(description = "The file it is in (a subflow's file for problems found there)") String file,
            @Schema(description = "1-based line") int line,
            @Schema(description = "1-based column") int column,
            @Schema(description = "error or warning") String severity,
            String message) {

        static Problem of(FlowProblem problem) {
            return new Problem(problem.position().file(), problem.position().line(), problem.position().column(),
                    problem.severity().name().toLowerCase(), problem.message());
        }
    }

    @Schema(name = "FlowSummary")
    public record Summary(
            String name,
            String file,
            String description,
            @Schema(description = "SHA-256 of the file's content, as calls pin it") String hash,
            @Schema(description = "Whether the file has no errors (new calls use it)") boolean valid,
            int errors,
            int warnings) {}

    @Schema(name = "FlowList")
    public record FlowList(List<Summary> flows) {}

    @Schema(name = "FlowDetails")
    public record Details(
            String name,
            String file,
            String description,
            String hash,
            boolean valid,
            @Schema(description = "The file's text") String content,
            @Schema(description = "The flow as a Mermaid flowchart; null when the file has errors") String diagram,
            @Schema(description = "Flows it runs as subflows") List<String> subflows,
            List<Problem> problems) {}

    @Schema(name = "ValidationReport")
    public record ValidationReport(
            @Schema(description = "The name the text was checked under") String file,
            @Schema(description = "The flow's name, when it could be read") String flow,
            @Schema(description = "No errors (warnings allowed)") boolean valid,
            int errors,
            int warnings,
            List<Problem> problems) {}
}

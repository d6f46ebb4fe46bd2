package org.openivr.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openivr.flows.Flow;
import org.openivr.flows.FlowLoader;
import org.openivr.flows.MermaidDiagram;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/flows}: the flows on disk ({@code ivr.flows-dir}), read afresh on every request, and a validator for
 * flow text that reports problems with their line and column, as {@code ivr validate} does.
 */
@RestController
@Tag(name = "Flows", description = "Read the flows on disk and check flow text")
public class FlowsController {
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,100}");
    private static final Pattern FLOW_KEY = Pattern.compile("(?m)^flow:\\s*[\"']?([a-z0-9-]{1,100})[\"']?\\s*(#.*)?$");
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9._/-]{1,200}");
    private static final int MAX_TEXT = 1 << 20;

    private final Path directory;

    public FlowsController(ApiProperties properties) {
        this.directory = Path.of(properties.flowsDir());
    }

    @Operation(summary = "List the flows", description = "Every flow file in the flows folder, with whether it"
            + " validates. Scripted-call files (*.calls.yaml) are not flows.")
    @GetMapping(path = "/api/flows", produces = MediaType.APPLICATION_JSON_VALUE)
    public FlowViews.FlowList list() {
        List<FlowViews.Summary> flows = new ArrayList<>();
        for (Path file : flowFiles()) {
            String name = baseName(file);
            String content = read(file, name);
            FlowLoader.Result result = check(file, content);
            flows.add(new FlowViews.Summary(name, file.toString(), description(result), FlowLoader.contentHash(content),
                    !result.hasErrors(), count(result, true), count(result, false)));
        }
        return new FlowViews.FlowList(flows);
    }

    @Operation(summary = "One flow: its text, hash, Mermaid diagram and problems")
    @ApiResponse(responseCode = "200", description = "The flow")
    @ApiResponse(responseCode = "404", description = "No flow of that name")
    @GetMapping(path = "/api/flows/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
    public FlowViews.Details get(@PathVariable("name") String name) {
        if (!NAME.matcher(name).matches()) {
            throw ApiProblem.unknownFlow("'" + name + "' is not a flow name (lowercase letters, digits and '-')");
        }
        Path file = directory.resolve(name + ".yaml");
        if (!Files.isRegularFile(file)) {
            throw ApiProblem.unknownFlow("no flow '" + name + "' in " + directory);
        }
        String content = read(file, name);
        FlowLoader.Result result = check(file, content);
        Flow flow = result.flow();
        return new FlowViews.Details(name, file.toString(), description(result), FlowLoader.contentHash(content),
                !result.hasErrors(), content, flow == null ? null : MermaidDiagram.render(flow),
                flow == null ? List.of() : List.copyOf(FlowLoader.subflowsOf(flow)),
                result.problems().stream().map(FlowViews.Problem::of).toList());
    }

    @Operation(summary = "Check flow text", description = "Validates the YAML in the body as the platform would load"
            + " it (subflows are looked up in the flows folder) and returns every problem with its line and column."
            + " Answers 200 whether or not the text is valid; 'valid' says which.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/yaml", schema = @Schema(type = "string"), examples = @ExampleObject(value = """
                    flow: hello
                    start: greet
                    nodes:
                      greet:
                        play: "Hello!"
                        next: end
                    """)))
    @ApiResponse(responseCode = "200", description = "The problems found (none when valid)")
    @ApiResponse(responseCode = "400", description = "No text, or more than 1 MiB")
    @PostMapping(path = "/api/flows:validate", consumes = MediaType.ALL_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public FlowViews.ValidationReport validate(
            @RequestBody(required = false) String text,
            @Parameter(description = "The file name to check the text under (the flow must be named like it);"
                    + " default: NAME.yaml after the text's 'flow:'")
            @RequestParam(name = "file", required = false) String file) {
        if (text == null || text.isBlank()) {
            throw ApiProblem.badRequest("the body must be the flow's YAML text");
        }
        if (text.length() > MAX_TEXT) {
            throw ApiProblem.badRequest("the flow text is larger than 1 MiB");
        }
        if (file != null && (!FILE.matcher(file).matches() || file.contains(".."))) {
            throw ApiProblem.badRequest("file must be a plain file name like support-line.yaml");
        }
        String fileName = file != null ? file : flowName(text) + ".yaml";
        FlowLoader.Result result = FlowLoader.check(fileName, text, FlowLoader.folder(directory));
        return new FlowViews.ValidationReport(fileName, result.flow() == null ? null : result.flow().name(),
                !result.hasErrors(), count(result, true), count(result, false),
                result.problems().stream().map(FlowViews.Problem::of).toList());
    }

    private static String flowName(String text) {
        Matcher matcher = FLOW_KEY.matcher(text);
        return matcher.find() ? matcher.group(1) : "flow";
    }

    private List<Path> flowFiles() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> {
                String name = p.getFileName().toString();
                return name.endsWith(".yaml") && !name.endsWith(".calls.yaml") && Files.isRegularFile(p)
                        && NAME.matcher(baseName(p)).matches();
            }).sorted().toList();
        } catch (IOException e) {
            throw new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, "Flows unreadable",
                    "the flows folder cannot be read: " + e.getMessage());
        }
    }

    private FlowLoader.Result check(Path file, String content) {
        return FlowLoader.check(file.toString().replace('\\', '/'), content, FlowLoader.folder(directory));
    }

    private static String read(Path file, String name) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, "Flow unreadable",
                    "flow '" + name + "' cannot be read: " + e.getMessage());
        }
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".yaml".length());
    }

    private static String description(FlowLoader.Result result) {
        return result.flow() == null ? null : result.flow().description();
    }

    private static int count(FlowLoader.Result result, boolean errors) {
        return (int) result.problems().stream().filter(p -> p.isError() == errors).count();
    }
}

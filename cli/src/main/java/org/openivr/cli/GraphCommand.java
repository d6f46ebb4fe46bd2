package org.openivr.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openivr.flows.FlowLoader;
import org.openivr.flows.MermaidDiagram;

/**
 * {@code ivr graph FILE}: the flow as a Mermaid flowchart on standard output (paste it into a Markdown
 * {@code ```mermaid} block). Problems go to standard error, compiler style, so that they never mix with
 * the diagram; exit 1 when the flow has errors (and no diagram), 2 on bad usage.
 */
final class GraphCommand {
    private final PrintStream out;
    private final PrintStream err;

    GraphCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        if (args.size() != 1) {
            throw new UsageException("graph needs exactly one flow file");
        }
        String file = args.get(0);
        if (file.startsWith("-")) {
            throw new UsageException("graph does not know the option '" + file + "'");
        }
        FlowLoader.Result result;
        try {
            result = FlowLoader.check(file, Files.readString(Path.of(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println(file + ":1:1: error: cannot read the file: " + e.getMessage());
            return 1;
        }
        result.problems().forEach(err::println); // warnings too: they do not stop the diagram
        if (result.hasErrors()) {
            return 1;
        }
        out.print(MermaidDiagram.render(result.flow()));
        return 0;
    }
}

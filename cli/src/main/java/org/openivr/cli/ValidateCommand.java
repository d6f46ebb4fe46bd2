package org.openivr.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openivr.flows.FlowLoader;
import org.openivr.flows.FlowProblem;

/** {@code ivr validate FILE...}: compiler-style problems; exit 1 if any file has an error. */
final class ValidateCommand {
    private final PrintStream out;

    ValidateCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> files) {
        if (files.isEmpty()) {
            throw new UsageException("validate needs at least one flow file");
        }
        for (String file : files) {
            if (file.startsWith("-")) {
                throw new UsageException("validate does not know the option '" + file + "'");
            }
        }
        int errors = 0;
        int warnings = 0;
        for (String file : files) {
            List<FlowProblem> problems = check(file);
            for (FlowProblem problem : problems) {
                out.println(problem);
            }
            errors += (int) problems.stream().filter(FlowProblem::isError).count();
            warnings += (int) problems.stream().filter(p -> !p.isError()).count();
        }
        out.printf("%d file(s): %d error(s), %d warning(s)%n", files.size(), errors, warnings);
        return errors == 0 ? 0 : 1;
    }

    private static List<FlowProblem> check(String file) {
        Path path = Path.of(file);
        if (file.endsWith(".calls.yaml")) {
            return checkCalls(path);
        }
        try {
            return FlowLoader.check(file, Files.readString(path, StandardCharsets.UTF_8)).problems();
        } catch (IOException e) {
            return List.of(FlowProblem.error(new org.openivr.flows.SourcePosition(file, 1, 1),
                    "cannot read the file: " + e.getMessage()));
        }
    }

    /** A scripted-calls file is checked against the flow next to it (names of nodes and variables). */
    private static List<FlowProblem> checkCalls(Path file) {
        String name = file.getFileName().toString().replace(".calls.yaml", "");
        Path flowFile = file.resolveSibling(name + ".yaml");
        try {
            org.openivr.flows.Flow flow = Files.exists(flowFile) ? FlowLoader.load(flowFile) : null;
            org.openivr.flows.ScriptedCallsLoader.load(file, flow);
            return List.of();
        } catch (org.openivr.flows.FlowException e) {
            return e.problems();
        }
    }
}

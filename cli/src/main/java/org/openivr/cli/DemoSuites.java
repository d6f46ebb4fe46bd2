package org.openivr.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openivr.flows.FlowException;
import org.openivr.flows.FlowLoader;
import org.openivr.flows.FlowProblem;
import org.openivr.flows.ScriptedCalls;
import org.openivr.flows.ScriptedCallsLoader;

/**
 * The scripted calls found next to the flows ({@code flows/NAME.calls.yaml}), each checked with its
 * flow before anything runs, and the demo phone number each flow answers on. Finding no scripted call at all is a
 * problem too: there is nothing to run.
 */
public record DemoSuites(List<ScriptedCalls> suites, Map<String, String> numbers, List<String> problems) {

    /** The platform's routes for these suites: demo phone number -> flow. */
    public Map<String, String> routes() {
        Map<String, String> routes = new LinkedHashMap<>();
        numbers.forEach((flow, number) -> routes.put(number, flow));
        return routes;
    }

    public static DemoSuites load(Path flowsDir, List<String> onlyFlows) {
        List<ScriptedCalls> suites = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, String> numbers = new LinkedHashMap<>();
        if (!Files.isDirectory(flowsDir)) {
            problems.add(flowsDir + ": no such directory of flows");
            return new DemoSuites(suites, numbers, problems);
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(flowsDir)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".calls.yaml")).sorted().toList();
        } catch (IOException e) {
            problems.add(flowsDir + ": cannot be read (" + e.getMessage() + ")");
            return new DemoSuites(suites, numbers, problems);
        }
        for (Path file : files) {
            String flowName = file.getFileName().toString().replace(".calls.yaml", "");
            if (!onlyFlows.isEmpty() && !onlyFlows.contains(flowName)) {
                continue;
            }
            try {
                org.openivr.flows.Flow flow = FlowLoader.load(flowsDir.resolve(flowName + ".yaml"));
                ScriptedCalls calls = ScriptedCallsLoader.load(file, flow);
                suites.add(calls);
                numbers.put(calls.flow(), String.format("+1800555%04d", 100 + numbers.size()));
            } catch (FlowException e) {
                e.problems().stream().filter(FlowProblem::isError).forEach(p -> problems.add(p.toString()));
            }
        }
        for (String wanted : onlyFlows) {
            if (!numbers.containsKey(wanted) && problems.stream().noneMatch(p -> p.contains(wanted))) {
                problems.add(flowsDir.resolve(wanted + ".calls.yaml") + ": no scripted calls for flow '" + wanted + "'");
            }
        }
        if (suites.isEmpty() && problems.isEmpty()) {
            problems.add(flowsDir + ": no scripted calls (*.calls.yaml) to run");
        }
        return new DemoSuites(suites, numbers, problems);
    }
}

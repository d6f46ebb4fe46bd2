package org.openivr.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every example flow in the repository's {@code flows/} folder: clean (no warnings either), its scripted
 * calls load against it, and, for flows made of the verbs {@link SimulatedCall} runs, every scripted call
 * walks the path it expects, subflows and the call's clock included.
 */
class ExampleFlowsTest {

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(Fixtures.examples())) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void everyExampleFlowHasNoProblemsAtAll() throws IOException {
        for (Path file : files(".yaml")) {
            if (file.toString().endsWith(".calls.yaml")) {
                continue;
            }
            String name = "flows/" + file.getFileName();
            FlowLoader.Result result = FlowLoader.check(name, Files.readString(file), FlowLoader.folder(file.getParent()));
            assertThat(result.problems()).as(name).isEmpty();
        }
    }

    @Test
    void everyScriptedCallOfEveryExampleWalksTheExpectedPath() throws IOException {
        List<Path> callsFiles = files(".calls.yaml");
        assertThat(callsFiles).extracting(p -> p.getFileName().toString())
                .contains("clinic-line.calls.yaml", "identify.calls.yaml", "support-line.calls.yaml");
        for (Path callsFile : callsFiles) {
            String flowName = callsFile.getFileName().toString().replace(".calls.yaml", "");
            Flow flow = FlowLoader.load(callsFile.resolveSibling(flowName + ".yaml"));
            ScriptedCalls calls = ScriptedCallsLoader.load(callsFile, flow);
            if (!SimulatedCall.canRun(flow)) {
                continue; // verbs that act through ACS: the interpreter's end-to-end tests run these
            }
            for (ScriptedCall call : calls.calls()) {
                String what = flowName + " / " + call.name();
                if (call.outbound() && !call.answer().answers()) {
                    // Never connected, so no node runs: the path must say so, and the ending is the network's.
                    assertThat(call.expect().path()).as(what).isEmpty();
                    continue;
                }

                SimulatedCall.Outcome outcome = SimulatedCall.run(flow, call,
                        name -> FlowLoader.load(callsFile.resolveSibling(name + ".yaml")));

                assertThat(outcome.path()).as(what).isEqualTo(call.expect().path());
                assertThat(outcome.ends()).as(what).isEqualTo(call.expect().ends());
                call.expect().variables().forEach((name, value) -> assertThat(
                        String.valueOf(outcome.variables().get(name))).as(what + ": " + name)
                        .isEqualTo(String.valueOf(value)));
            }
        }
    }

    @Test
    void theClinicLineTakesBothBranchesOfItsHours() throws IOException {
        Path file = Fixtures.examples().resolve("clinic-line.calls.yaml");
        ScriptedCalls calls = ScriptedCallsLoader.load(file, FlowLoader.load(file.resolveSibling("clinic-line.yaml")));

        assertThat(calls.calls()).extracting(c -> c.expect().path().get(2)).contains("main-menu", "closed");
    }
}

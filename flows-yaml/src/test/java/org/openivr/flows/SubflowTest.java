package org.openivr.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Subflows: found next to the flow's file (or by a resolver), checked, and never in a circle. The fixtures
 * are files under {@code src/test/resources/subflows/}, read from disk so that subflows are found as
 * {@code ivr validate} finds them.
 */
class SubflowTest {
    private static final String DIR = "src/test/resources/subflows/";

    private static List<String> problems(String name) {
        String file = DIR + name + ".yaml";
        try {
            return FlowLoader.check(file, Files.readString(Path.of(file))).problems().stream()
                    .map(FlowProblem::toString).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void subflowNextToTheFileLoads() {
        Flow flow = FlowLoader.load(Path.of(DIR + "subflow-ok.yaml"));

        assertThat(flow.node("billing")).isEqualTo(new Node.Subflow("billing",
                new SourcePosition(DIR + "subflow-ok.yaml", 6, 3), "billing", "thanks", Map.of()));
        assertThat(FlowLoader.subflowsOf(flow)).containsExactly("billing");
        assertThat(problems("subflow-ok")).isEmpty();
    }

    @Test
    void subflowThatDoesNotExistIsReportedWithASuggestion() {
        assertThat(problems("subflow-missing")).containsExactly(
                DIR + "subflow-missing.yaml:5:21: error: node 'billing' runs subflow 'biling', but there is no "
                        + DIR + "biling.yaml (did you mean 'billing'?)");
    }

    @Test
    void flowThatRunsItselfIsReported() {
        assertThat(problems("subflow-self")).containsExactly(
                DIR + "subflow-self.yaml:5:14: error: node 'again' runs flow 'subflow-self' as a subflow, but that is"
                        + " this flow: a flow cannot call itself");
    }

    @Test
    void subflowsInACircleAreReported() {
        assertThat(problems("subflow-circle")).containsExactly(
                DIR + "subflow-circle.yaml:5:21: error: subflow 'ping' leads back to this flow (subflow-circle -> ping"
                        + " -> pong -> subflow-circle): subflows cannot call each other in a circle");
    }

    @Test
    void subflowWithErrorsIsReported() {
        assertThat(problems("subflow-broken")).containsExactly(
                DIR + "subflow-broken.yaml:5:21: error: node 'helper' runs subflow 'broken-helper', which has 1"
                        + " error(s) (first: " + DIR + "broken-helper.yaml:6:11: error: node 'one' goes to 'tow', which"
                        + " does not exist): run 'ivr validate " + DIR + "broken-helper.yaml'");
    }

    @Test
    void aVariableMustHaveTheSameTypeInAFlowAndItsSubflows() {
        assertThat(problems("subflow-variables")).containsExactly(
                DIR + "subflow-variables.yaml:7:21: error: subflow 'billing' declares variable 'account' as text, but"
                        + " flow 'subflow-variables' has it as a whole number: a call has one set of variables, so"
                        + " declare it alike in both");
    }

    @Test
    void aSubflowOfASubflowMustExistToo() {
        assertThat(problems("subflow-deep")).containsExactly(
                DIR + "subflow-deep.yaml:5:21: error: subflow 'deep' runs subflow 'deeper', but there is no "
                        + DIR + "deeper.yaml");
    }

    @Test
    void aResolverReplacesTheDisk() {
        String main = """
                flow: main
                start: go
                nodes:
                  go:
                    subflow: helper
                    next: hangup
                """;
        String helper = """
                flow: helper
                start: hi
                nodes:
                  hi:
                    play: "Hi."
                    next: return
                """;
        Map<String, String> files = Map.of("helper", helper);

        FlowLoader.Result found = FlowLoader.check("pinned/main.yaml", main, name -> Optional.ofNullable(files.get(name)));
        FlowLoader.Result missing = FlowLoader.check("pinned/main.yaml", main, name -> Optional.empty());

        assertThat(found.problems()).isEmpty();
        assertThat(missing.problems()).extracting(FlowProblem::toString).containsExactly(
                "pinned/main.yaml:5:14: error: node 'go' runs subflow 'helper', but there is no pinned/helper.yaml");
    }

    @Test
    void returnInAFlowThatIsNotASubflowIsFine() {
        String flow = """
                flow: top
                start: bye
                nodes:
                  bye:
                    play: "Bye."
                    next: return
                """;

        assertThat(FlowLoader.check("flows/top.yaml", flow, name -> Optional.empty()).problems()).isEmpty();
    }
}

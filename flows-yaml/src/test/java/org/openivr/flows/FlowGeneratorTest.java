package org.openivr.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The benchmark's generated flow is a clean flow of the size asked for, so the benchmark measures the real path. */
class FlowGeneratorTest {

    @Test
    void aGeneratedThousandNodeFlowIsCleanAndHasEveryNode() {
        String text = FlowGenerator.generate("generated", 1000);

        FlowLoader.Result result = FlowLoader.check("flows/generated.yaml", text, name -> Optional.empty());

        assertThat(result.problems()).isEmpty();
        assertThat(result.flow().nodes()).hasSize(1000);
    }

    @Test
    void aGeneratedFlowWithAnErrorInEveryBlockReportsThemAll() {
        String text = FlowGenerator.generate("generated", 100).replace("tries + ", "tries + 'x' + ");

        FlowLoader.Result result = FlowLoader.check("flows/generated.yaml", text, name -> Optional.empty());

        assertThat(result.problems()).hasSize(10).allSatisfy(p -> assertThat(p.message())
                .contains("found no matching overload for '+' applied to '(int, string)'"));
    }
}

package org.openivr.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openivr.flows.Flow;
import org.openivr.flows.FlowLoader;
import org.openivr.flows.MermaidDiagram;

class FlowDiagramsTest {
    private final Flow flow = FlowLoader.load(Path.of("..", "flows", "support-line.yaml"));

    @Test
    void theHighlightedIdsAreTheShapesMermaidDiagramDrawsForThoseNodes() {
        String plain = MermaidDiagram.render(flow);
        for (String node : flow.nodes().keySet()) {
            String id = FlowDiagrams.mermaidId(flow, node);
            assertThat(plain).as(node).containsPattern("(?m)^  " + id + "\\W.*\"" + node + "<br/>");
        }
        assertThat(FlowDiagrams.mermaidId(flow, "nowhere")).isNull();
    }

    @Test
    void theCurrentNodeAndThePathAreStyled() {
        String text = FlowDiagrams.render(flow, List.of("welcome", "main-menu", "account-number"), "account-number");
        String welcome = FlowDiagrams.mermaidId(flow, "welcome");
        String menu = FlowDiagrams.mermaidId(flow, "main-menu");
        String current = FlowDiagrams.mermaidId(flow, "account-number");
        assertThat(text).startsWith(MermaidDiagram.render(flow))
                .contains("  class " + welcome + "," + menu + " visited\n")
                .contains("  class " + current + " current\n");
        assertThat(FlowDiagrams.render(flow, List.of(), null)).isEqualTo(MermaidDiagram.render(flow));
    }
}

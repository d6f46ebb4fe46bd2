package org.openivr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int ivr(String... args) {
        return Ivr.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsTheExampleFlowAsAMermaidFlowchart() {
        assertThat(ivr("graph", "../flows/support-line.yaml")).isEqualTo(0);

        assertThat(out()).contains("flowchart TD\n")
                .contains("  start([\"start\"]) --> n0\n")
                .contains("  n1{{\"main-menu<br/>menu\"}}\n")
                .contains("  n1 -->|\"1\"| n2\n")
                .contains("  n1 -->|\"failed\"| n11\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void aFlowWithErrorsPrintsItsProblemsAndNoDiagram(@TempDir Path dir) throws IOException {
        Path flow = dir.resolve("broken.yaml");
        Files.writeString(flow, """
                flow: broken
                start: welcome
                nodes:
                  welcome:
                    play: "Hello."
                    next: goodbye
                """);

        assertThat(ivr("graph", flow.toString())).isEqualTo(1);

        assertThat(out()).isEmpty();
        assertThat(err()).contains(flow + ":6:11: error: node 'welcome' goes to 'goodbye', which does not exist");
    }

    @Test
    void aFileThatCannotBeReadIsAnError(@TempDir Path dir) {
        String missing = dir.resolve("missing.yaml").toString();

        assertThat(ivr("graph", missing)).isEqualTo(1);

        assertThat(err()).startsWith(missing + ":1:1: error: cannot read the file");
    }

    @Test
    void badUsageExitsWithTwo() {
        assertThat(ivr("graph")).isEqualTo(2);
        assertThat(err()).contains("graph needs exactly one flow file").contains("usage: ivr");
        assertThat(ivr("graph", "a.yaml", "b.yaml")).isEqualTo(2);
        assertThat(ivr("graph", "--svg")).isEqualTo(2);
        assertThat(err()).contains("graph does not know the option '--svg'");
    }
}

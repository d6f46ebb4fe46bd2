package org.openivr.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openivr.workflows.PinnedFlow;

/** What a new call gets from the flows folder as an analyst edits it. */
class FlowCatalogTest {
    private static final String MAIN = """
            flow: main
            start: hello
            variables:
              patient: ""
            nodes:
              hello:
                play: "Hello."
                next: who
              who:
                subflow: {flow: identify}
                next: bye
              bye:
                hangup: {}
            """;
    private static final String IDENTIFY = """
            flow: identify
            start: thanks
            variables:
              patient: ""
            nodes:
              thanks:
                play: "Thank you."
                next: return
            """;

    @TempDir
    Path flows;
    private FlowCatalog catalog;

    @BeforeEach
    void flowsOnDisk() throws IOException {
        Files.writeString(flows.resolve("main.yaml"), MAIN);
        Files.writeString(flows.resolve("identify.yaml"), IDENTIFY);
        catalog = new FlowCatalog(new ApiProperties(flows.toString(), Map.of(), null, false));
    }

    @Test
    void aCallPinsTheFlowWithEverySubflowItRuns() {
        PinnedFlow pinned = catalog.pin("main").orElseThrow();

        assertThat(pinned.content()).isEqualTo(MAIN);
        assertThat(pinned.subflows()).containsExactly(Map.entry("identify", IDENTIFY));
    }

    @Test
    void anUnchangedFolderGivesTheNextCallTheSamePinnedFlow() {
        PinnedFlow first = catalog.pin("main").orElseThrow();

        assertThat(catalog.pin("main")).containsSame(first);
    }

    @Test
    void anEditTakesEffectAtTheNextCallInTheFlowOrInASubflow() throws IOException {
        catalog.pin("main").orElseThrow();
        String editedMain = MAIN.replace("Hello.", "Welcome.");
        Files.writeString(flows.resolve("main.yaml"), editedMain);

        assertThat(catalog.pin("main").orElseThrow().content()).isEqualTo(editedMain);

        String editedSubflow = IDENTIFY.replace("Thank you.", "Thanks.");
        Files.writeString(flows.resolve("identify.yaml"), editedSubflow);

        PinnedFlow pinned = catalog.pin("main").orElseThrow();
        assertThat(pinned.content()).isEqualTo(editedMain);
        assertThat(pinned.subflows()).containsEntry("identify", editedSubflow);
    }

    @Test
    void aBrokenEditKeepsTheLastGoodVersionAndARepairTakesEffect() throws IOException {
        PinnedFlow good = catalog.pin("main").orElseThrow();
        Files.writeString(flows.resolve("identify.yaml"), IDENTIFY.replace("next: return", "next: nowhere"));

        assertThat(catalog.pin("main")).containsSame(good);

        Files.delete(flows.resolve("identify.yaml"));
        assertThat(catalog.pin("main")).containsSame(good);

        String repaired = IDENTIFY.replace("Thank you.", "Thanks.");
        Files.writeString(flows.resolve("identify.yaml"), repaired);
        assertThat(catalog.pin("main").orElseThrow().subflows()).containsEntry("identify", repaired);
    }
}

package org.openivr.flows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code schema/flow.schema.json}, the JSON Schema editors use: it accepts every valid flow and knows every verb. */
class SchemaTest {
    private static final Path SCHEMA = Path.of("..", "schema", "flow.schema.json");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(Files.readString(SCHEMA));
    }

    private static Set<ValidationMessage> validate(String yaml) throws IOException {
        return schema.validate(YAML.readTree(yaml));
    }

    @Test
    void everyExampleFlowMatchesTheSchema() throws IOException {
        List<Path> flows;
        try (Stream<Path> files = Files.list(Fixtures.examples())) {
            flows = files.filter(p -> p.toString().endsWith(".yaml") && !p.toString().endsWith(".calls.yaml"))
                    .sorted().toList();
        }
        assertThat(flows).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Path flow : flows) {
            validate(Files.readString(flow)).forEach(m -> problems.add(flow.getFileName() + ": " + m.getMessage()));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aFlowWithEveryVerbMatchesTheSchema() throws IOException {
        assertThat(validate(CallVerbsTest.FLOW)).isEmpty();
        assertThat(validate(CallVerbsTest.HELPER)).isEmpty();
    }

    @Test
    void theSchemaKnowsEveryVerbOfTheLanguage() throws IOException {
        JsonNode node = YAML.readTree(SCHEMA.toFile()).at("/definitions/node/properties");
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);

        List<String> expected = new ArrayList<>(FlowReader.VERBS);
        expected.addAll(List.of("next", "on", "else"));
        assertThat(keys).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theSchemaRejectsWhatAnEditorShouldUnderline() throws IOException {
        assertThat(validate(Fixtures.resource("problems/unknown-key.yaml"))).isNotEmpty(); // varibles, promt, nxt
        assertThat(validate("""
                flow: two-verbs
                start: a
                nodes:
                  a:
                    play: "Hi."
                    hangup: {}
                """)).isNotEmpty();
        assertThat(validate("""
                flow: tones
                start: a
                nodes:
                  a:
                    sendDtmf: "1234567890123456789"
                    next: hangup
                """)).isNotEmpty();
        assertThat(validate("""
                flow: no-next
                start: a
                nodes:
                  a:
                    wait: 2s
                """)).isNotEmpty();
        assertThat(validate("""
                flow: hours
                start: a
                nodes:
                  a:
                    hours: {timezone: Europe/Paris, open: {mon-fry: "08:00-18:00"}}
                    on: {open: hangup, closed: hangup}
                """)).isNotEmpty();
    }
}

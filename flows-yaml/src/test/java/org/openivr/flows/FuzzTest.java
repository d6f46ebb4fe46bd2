package org.openivr.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Mutates valid (and some broken) files at random and checks the loaders' promise: whatever the input, the
 * answer is a result or a {@link FlowException} whose problems all have a real position, never another
 * exception and never an internal error. The corpus is committed: the example flows and the problem fixtures.
 * jqwik draws each try's mutation seed (the run's own seed is fixed), so a failure names the seed that
 * reproduces it and the next run tries that one first.
 */
class FuzzTest {
    private static final String[] TOKENS = {
        ":", ": ", "- ", "  ", "\n", "\n  ", "{", "}", "[", "]", ",", "\"", "'", "#", "&a ", "*a", "!!str ", "!!map ",
        "? ", "|", ">", "%", "@", "`", "\t", "---\n", "...\n", "${", "}", "${x}", "~", "null", "true", "1e999",
        "99999999999999999999", "-1", "0", "0s", "1ms", "301s", "hangup", "return", "next: ", "on: ", "else: ",
        "play: ", "menu: ", "ask: ", "set: ", "when: ", "transfer: {}", "<<: ", "\uFEFF", "\u0000", "é", "\r\n",
        "account.startsWith(", "size(", ")", "((((((((((", "&&", "'''", "\\", "pattern: \"(\"", "digits: {max: 0}",
        // the verbs beyond the walking skeleton and their settings
        "sendDtmf: ", "tones: ", "keys: off", "hold: ", "unhold: {}", "record: pause", "record: ", "stream: stop",
        "listen: ", "for: [phrase]", "phrases: ", "transfer: ", "user: ", "hours: ", "timezone: Mars/Base",
        "mon-fri: ", "sun-sat", "24:00", "00:00-24:00", "closed: [", "2026-02-30", "wait: ", "subflow: ", "flow: ",
        "firstChannel: ", "audio-video", "unmixed",
    };

    private static final List<String[]> SEEDS = corpus();

    private static List<String[]> corpus() {
        List<String[]> seeds = new ArrayList<>();
        seeds.add(new String[] {"flows/support-line.yaml", Fixtures.example("support-line.yaml")});
        seeds.add(new String[] {"flows/every-verb.yaml", CallVerbsTest.FLOW});
        seeds.add(new String[] {"flows/clinic-line.yaml", Fixtures.example("clinic-line.yaml")});
        seeds.add(new String[] {"flows/identify.yaml", Fixtures.example("identify.yaml")});
        for (String fixture : List.of("bad-expression", "misplaced-exit", "unknown-target", "bad-prompt",
                "endless-loop", "anytime-menu-key", "out-of-range", "bad-tones", "bad-record", "record-not-started",
                "bad-hours", "bad-listen", "bad-transfer", "bad-call-verbs", "misplaced-exit-verbs")) {
            seeds.add(new String[] {"problems/" + fixture + ".yaml", Fixtures.resource("problems/" + fixture + ".yaml")});
        }
        return List.copyOf(seeds);
    }

    private static final Map<String, String> SUBFLOWS = Map.of("helper", CallVerbsTest.HELPER, "identify",
            Fixtures.example("identify.yaml"));

    @Property(tries = 3_000, seed = "20261123")
    void mutatedFlowsGiveAFlowOrAFlowException(@ForAll long mutationSeed) {
        Random random = new Random(mutationSeed);
        // Half the tries mutate the richest example, the rest any file of the corpus.
        String[] seed = SEEDS.get(random.nextBoolean() ? 0 : random.nextInt(SEEDS.size()));
        String mutated = mutate(seed[1], random);
        expectOnlyFlowExceptions(seed[0], mutated, content -> FlowLoader.parse(seed[0], content,
                name -> Optional.ofNullable(SUBFLOWS.get(name))));
    }

    private static final Flow SUPPORT_LINE = FlowLoader.parse("flows/support-line.yaml",
            Fixtures.example("support-line.yaml"));

    @Property(tries = 1_500, seed = "20261123")
    void mutatedCallsFilesGiveCallsOrAFlowException(@ForAll long mutationSeed) {
        String file = "flows/support-line.calls.yaml";
        String mutated = mutate(Fixtures.example("support-line.calls.yaml"), new Random(mutationSeed));
        expectOnlyFlowExceptions(file, mutated, content -> ScriptedCallsLoader.parse(file, content, SUPPORT_LINE));
    }

    private static void expectOnlyFlowExceptions(String file, String content, Consumer<String> load) {
        try {
            load.accept(content);
        } catch (FlowException e) {
            assertThat(e.problems()).as("problems of:\n%s", content).isNotEmpty();
            int lines = content.split("\n", -1).length + 1;
            for (FlowProblem problem : e.problems()) {
                assertThat(problem.position().file()).isEqualTo(file);
                assertThat(problem.position().line()).as("%s in:\n%s", problem, content).isBetween(1, lines);
                assertThat(problem.position().column()).as("%s in:\n%s", problem, content).isPositive();
                assertThat(problem.message()).as("%s in:\n%s", problem, content).doesNotStartWith("internal error");
            }
        } catch (RuntimeException | Error e) {
            fail("loading this content threw " + e + " instead of a FlowException:\n" + content, e);
        }
    }

    /** One to three random edits: deletions, insertions, truncation, and line-level moves. */
    private static String mutate(String content, Random random) {
        String text = content;
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits && !text.isEmpty(); i++) {
            int at = random.nextInt(text.length() + 1);
            switch (random.nextInt(7)) {
                case 0 -> {
                    int end = Math.min(text.length(), at + 1 + random.nextInt(20));
                    text = text.substring(0, Math.min(at, end)) + text.substring(end);
                }
                case 1 -> text = text.substring(0, at) + TOKENS[random.nextInt(TOKENS.length)] + text.substring(at);
                case 2 -> text = text.substring(0, at);
                case 3 -> text = editLines(text, true, random);
                case 4 -> text = editLines(text, false, random);
                case 5 -> {
                    int from = random.nextInt(text.length());
                    int length = Math.min(text.length() - from, 1 + random.nextInt(30));
                    text = text.substring(0, at) + text.substring(from, from + length) + text.substring(at);
                }
                default -> text = text.substring(0, at) + (char) (32 + random.nextInt(95)) + text.substring(at);
            }
        }
        return text;
    }

    /** Duplicates or deletes a random line (true), or swaps two lines and shifts one's indent (false). */
    private static String editLines(String text, boolean duplicateOrDelete, Random random) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int a = random.nextInt(lines.size());
        int b = random.nextInt(lines.size());
        if (duplicateOrDelete) {
            if (random.nextBoolean()) {
                lines.add(b, lines.get(a));
            } else {
                lines.remove(a);
            }
        } else {
            String line = lines.get(a);
            lines.set(a, lines.get(b));
            lines.set(b, random.nextBoolean() ? "  " + line : line.replaceFirst("^ {1,2}", ""));
        }
        return String.join("\n", lines);
    }
}

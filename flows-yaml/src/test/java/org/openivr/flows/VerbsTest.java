package org.openivr.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every verb of the supported subset, in every shape the language allows, read into the model. */
class VerbsTest {
    private static final String FILE = "flows/verbs.yaml";
    private static final String FLOW = """
            flow: verbs
            description: Every verb
            language: en-GB
            voice: en-GB-SoniaNeural
            start: plain
            variables:
              pin: ""
              tries: 0
              rate: 1.5
              vip: false
              greeting: 'hello'
            defaults:
              timeout: 7s
              attempts: 2
              onError: sorry
            anytime:
              "*": plain
            nodes:
              plain:
                play: "Hello."
                next: shapes
              shapes:
                play:
                  prompt:
                    - "Text with ${greeting}."
                    - {text: "A voice.", voice: en-GB-RyanNeural}
                    - {ssml: "<speak>SSML</speak>"}
                    - {audio: "https://cdn.example.com/tone.wav"}
                  bargeIn: none
                next: choose
              choose:
                menu:
                  prompt: "Say or press one."
                  options:
                    1: {to: pin-entry, say: [one, billing]}
                    "#": sorry
                    D: hangup
                  timeout: 2m
                  attempts: 10
                  noInput: ["Nothing?", "Try again."]
                  noMatch: {text: "No."}
                  bargeIn: speech
                  sensitive: true
              pin-entry:
                ask:
                  prompt: "Your PIN."
                  into: pin
                  digits: {min: 4, max: 30, stopOn: "*"}
                  timeout: 300s
                  interDigitTimeout: 60s
                  attempts: 1
                  pattern: "[0-9]{4,6}"
                  noInput: "Hello?"
                  noMatch: "Four to six digits."
                  sensitive: true
                  bargeIn: keys
                on: {ok: count, failed: return}
              count:
                set:
                  tries: tries + 1
                  rate: tries * 2
                  vip: pin.startsWith("9") || vip
                next: route
              route:
                when:
                  - if: vip
                    then: done
                  - if: tries > 2 && size(call.from) > 0
                    then: hangup
                else: done
              sorry:
                play: "Sorry."
                next: done
              done:
                hangup:
            """;

    private final Flow flow = FlowLoader.parse(FILE, FLOW);

    @Test
    void topLevelFieldsAreRead() {
        assertThat(FlowLoader.check(FILE, FLOW).problems()).isEmpty();
        assertThat(flow.description()).isEqualTo("Every verb");
        assertThat(flow.language()).isEqualTo("en-GB");
        assertThat(flow.voice()).isEqualTo("en-GB-SoniaNeural");
        assertThat(flow.variables()).containsExactly(Map.entry("pin", ""), Map.entry("tries", 0L),
                Map.entry("rate", 1.5), Map.entry("vip", false), Map.entry("greeting", "hello"));
        assertThat(flow.defaults()).isEqualTo(new Defaults(Duration.ofSeconds(7), 2, "sorry"));
        assertThat(flow.anytime()).containsExactly(Map.entry("*", "plain"));
        assertThat(flow.file()).isEqualTo(FILE);
    }

    @Test
    void playTakesEveryPromptShape() {
        Node.Play play = (Node.Play) flow.node("shapes");

        assertThat(play.prompt()).containsExactly(new Prompt.Text("Text with ${greeting}.", null),
                new Prompt.Text("A voice.", "en-GB-RyanNeural"), new Prompt.Ssml("<speak>SSML</speak>"),
                new Prompt.Audio("https://cdn.example.com/tone.wav"));
        assertThat(play.bargeIn()).isEqualTo(BargeIn.NONE);
        assertThat(play.next()).isEqualTo("choose");
        assertThat(play.on()).isEmpty();
    }

    @Test
    void menuTakesOptionsWithWordsAndItsSettings() {
        Node.Menu menu = (Node.Menu) flow.node("choose");

        assertThat(menu.options()).containsExactly(Map.entry("1", "pin-entry"), Map.entry("#", "sorry"),
                Map.entry("D", "hangup"));
        assertThat(menu.optionWords()).containsExactly(Map.entry("1", List.of("one", "billing")));
        assertThat(menu.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(menu.attempts()).isEqualTo(10);
        assertThat(menu.noInput()).containsExactly(new Prompt.Text("Nothing?", null), new Prompt.Text("Try again.", null));
        assertThat(menu.noMatch()).containsExactly(new Prompt.Text("No.", null));
        assertThat(menu.bargeIn()).isEqualTo(BargeIn.SPEECH);
        assertThat(menu.sensitive()).isTrue();
        assertThat(menu.on()).isEmpty();
        assertThat(menu.onOutcome("failed", flow.defaults())).contains("sorry");
    }

    @Test
    void askTakesEverySetting() {
        Node.Ask ask = (Node.Ask) flow.node("pin-entry");

        assertThat(ask).isEqualTo(new Node.Ask("pin-entry", new SourcePosition(FILE, 44, 3),
                List.of(new Prompt.Text("Your PIN.", null)), "pin", 4, 30, "*", Duration.ofSeconds(300),
                Duration.ofSeconds(60), 1, "[0-9]{4,6}", List.of(new Prompt.Text("Hello?", null)),
                List.of(new Prompt.Text("Four to six digits.", null)), true, BargeIn.KEYS,
                Map.of("ok", "count", "failed", "return")));
    }

    @Test
    void inputNodesTakeTheFlowDefaults() {
        String content = FLOW.replace("      timeout: 2m\n", "").replace("      attempts: 10\n", "");

        Node.Menu menu = (Node.Menu) FlowLoader.parse(FILE, content).node("choose");

        assertThat(menu.timeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(menu.attempts()).isEqualTo(2);
    }

    @Test
    void setWhenAndHangupAreRead() {
        assertThat(((Node.Set) flow.node("count")).assignments()).containsExactly(Map.entry("tries", "tries + 1"),
                Map.entry("rate", "tries * 2"), Map.entry("vip", "pin.startsWith(\"9\") || vip"));
        Node.When when = (Node.When) flow.node("route");
        assertThat(when.branches()).extracting(Node.When.Branch::condition, Node.When.Branch::target).containsExactly(
                org.assertj.core.groups.Tuple.tuple("vip", "done"),
                org.assertj.core.groups.Tuple.tuple("tries > 2 && size(call.from) > 0", "hangup"));
        assertThat(when.otherwise()).isEqualTo("done");
        assertThat(flow.node("done")).isEqualTo(new Node.Hangup("done", new SourcePosition(FILE, 74, 3), Map.of()));
    }

    @Test
    void contentHashIsTheSha256OfTheUtf8Bytes() {
        assertThat(FlowLoader.contentHash("")).isEqualTo(
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(FlowLoader.contentHash("\u00e9")).isEqualTo(
                "4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c");
        assertThat(FlowLoader.contentHash(FLOW)).hasSize(64).matches("[0-9a-f]+");
    }
}

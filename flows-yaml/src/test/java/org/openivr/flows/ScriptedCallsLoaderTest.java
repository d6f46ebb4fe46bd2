package org.openivr.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openivr.flows.Fixtures.resource;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScriptedCallsLoaderTest {

    private static List<String> problems(String fileName, String content, Flow flow) {
        try {
            ScriptedCallsLoader.parse(fileName, content, flow);
            return List.of();
        } catch (FlowException e) {
            return e.problems().stream().map(FlowProblem::toString).toList();
        }
    }

    @Test
    void readsEveryKindOfStep() {
        String content = """
                flow: demo
                calls:
                  - name: everything
                    from: "+14255550123"
                    at: 2026-11-23T10:00:00-08:00
                    caller:
                      - press: "1"
                      - say: "billing"
                      - silence: 4s
                      - press: 2
                      - interrupt: "skip that"
                      - noise: -30
                      - noise: -12.5
                      - noise: off
                      - hangup
                    expect:
                      path: [welcome, main-menu]
                      variables: {account: "00123", tries: 2, vip: true}
                      ends: hungup-by-caller
                      interrupted: [news]
                  - name: nothing checked
                    from: "+14255550124"
                """;

        ScriptedCalls calls = ScriptedCallsLoader.parse("flows/demo.calls.yaml", content);

        assertThat(calls.flow()).isEqualTo("demo");
        assertThat(calls.file()).isEqualTo("flows/demo.calls.yaml");
        ScriptedCall everything = calls.calls().get(0);
        assertThat(everything.from()).isEqualTo("+14255550123");
        assertThat(everything.at()).isEqualTo(OffsetDateTime.parse("2026-11-23T10:00:00-08:00"));
        assertThat(everything.caller()).containsExactly(new CallerAction.Press("1"), new CallerAction.Say("billing"),
                new CallerAction.Silence(Duration.ofSeconds(4)), new CallerAction.Press("2"),
                new CallerAction.Interrupt("skip that"), new CallerAction.Noise(-30.0), new CallerAction.Noise(-12.5),
                new CallerAction.Noise(null), new CallerAction.HangUp());
        assertThat(everything.expect()).isEqualTo(new ScriptedCall.Expectation(List.of("welcome", "main-menu"),
                Map.of("account", "00123", "tries", 2L, "vip", true), "hungup-by-caller", List.of("news")));
        assertThat(everything.position()).isEqualTo(new SourcePosition("flows/demo.calls.yaml", 3, 5));
        ScriptedCall nothing = calls.calls().get(1);
        assertThat(nothing.at()).isNull();
        assertThat(nothing.caller()).isEmpty();
        assertThat(nothing.expect()).isEqualTo(new ScriptedCall.Expectation(null, Map.of(), null));
        assertThat(nothing.expect().interrupted()).as("not checked").isNull();
    }

    @Test
    void reportsEveryProblemWithItsPosition() {
        String name = "calls/bad-steps.calls.yaml";

        assertThat(problems(name, resource(name), null)).containsExactly(
                "calls/bad-steps.calls.yaml:5:9: error: at must be a date and time with its offset, like"
                        + " 2026-11-23T10:00:00-08:00, not 'tomorrow morning'",
                "calls/bad-steps.calls.yaml:7:16: error: press '12x' must be keys only: 0-9, *, # and A-D",
                "calls/bad-steps.calls.yaml:8:18: error: silence must be a duration like 500ms, 5s or 2m, not '4'",
                "calls/bad-steps.calls.yaml:9:9: error: unknown step 'sing': a step is 'press', 'say', 'interrupt',"
                        + " 'silence', 'noise' or 'hangup'",
                "calls/bad-steps.calls.yaml:11:9: error: nothing can happen after the caller hangs up (line 10)",
                "calls/bad-steps.calls.yaml:13:13: error: ends must be 'hungup-by-flow', 'hungup-by-caller' or"
                        + " 'transferred', not 'hungup' (did you mean 'hungup-by-flow'?)",
                "calls/bad-steps.calls.yaml:14:5: error: a call needs 'from': the caller's number, like \"+14255550123\"",
                "calls/bad-steps.calls.yaml:14:11: error: two calls are named 'does everything wrong'",
                "calls/bad-steps.calls.yaml:17:13: error: path must be a list of node ids, like [welcome, main-menu],"
                        + " not 'welcome'",
                "calls/bad-steps.calls.yaml:18:7: error: unknown key 'flagz' in expect");
    }

    @Test
    void checksPathsAndVariablesAgainstTheFlow() {
        Flow flow = FlowLoader.parse("flows/support-line.yaml", Fixtures.example("support-line.yaml"));
        String name = "calls/support-line.calls.yaml";

        assertThat(problems(name, resource(name), flow)).containsExactly(
                "calls/support-line.calls.yaml:8:23: error: path names node 'main-meny', which flow 'support-line'"
                        + " does not have (did you mean 'main-menu'?)",
                "calls/support-line.calls.yaml:9:19: error: flow 'support-line' has no variable 'acount'"
                        + " (did you mean 'account'?)");
    }

    @Test
    void voiceStepsAndInterruptedPromptsAreCheckedWithTheirPositions() {
        String content = """
                flow: voice
                calls:
                  - name: talks wrong
                    from: "+14255550123"
                    caller:
                      - noise: loud
                      - noise: 3
                      - noise: -200
                      - noise: [-30]
                      - interrupt: ""
                      - interupt: "stop"
                    expect:
                      interrupted: news
                  - name: expects wrong interruptions
                    from: "+14255550124"
                    expect:
                      interrupted: [newz, welcome, news]
                """;
        Flow flow = FlowLoader.parse("flows/voice.yaml", """
                flow: voice
                start: welcome
                nodes:
                  welcome:
                    play: "Welcome."
                    next: news
                  news:
                    play: {prompt: "The news.", bargeIn: speech}
                    next: hangup
                """);

        assertThat(problems("flows/voice.calls.yaml", content, flow)).containsExactly(
                "flows/voice.calls.yaml:6:16: error: noise must be a level in dBFS like -30, or 'off', not 'loud'",
                "flows/voice.calls.yaml:7:16: error: noise must be between -120 and 0 dBFS (0 is the loudest a line"
                        + " carries), not 3",
                "flows/voice.calls.yaml:8:16: error: noise must be between -120 and 0 dBFS (0 is the loudest a line"
                        + " carries), not -200",
                "flows/voice.calls.yaml:9:16: error: noise must be a level in dBFS like -30, or 'off', not a list",
                "flows/voice.calls.yaml:10:20: error: interrupt must not be empty",
                "flows/voice.calls.yaml:11:9: error: unknown step 'interupt': a step is 'press', 'say', 'interrupt',"
                        + " 'silence', 'noise' or 'hangup' (did you mean 'interrupt'?)",
                "flows/voice.calls.yaml:13:20: error: interrupted must be a list of node ids, like [news], or [] for"
                        + " none, not 'news'",
                "flows/voice.calls.yaml:17:21: error: interrupted names node 'newz', which flow 'voice' does not have"
                        + " (did you mean 'news'?)",
                "flows/voice.calls.yaml:17:27: error: interrupted names node 'welcome', but only a play with"
                        + " 'bargeIn: speech' is cut short by the caller's speech");
    }

    @Test
    void flowMustMatchTheFileName() {
        String content = "flow: support\ncalls: []\n";

        assertThat(problems("flows/support-line.calls.yaml", content, null)).containsExactly(
                "flows/support-line.calls.yaml:1:7: error: flow 'support' does not match the file name: the calls for"
                        + " flow 'support' go in 'support.calls.yaml'");
    }

    @Test
    void yamlSyntaxErrorIsAFlowException() {
        assertThatThrownBy(() -> ScriptedCallsLoader.parse("flows/x.calls.yaml", "flow: x\ncalls:\n  - name: \"a\n"))
                .isInstanceOf(FlowException.class)
                .hasMessage("flows/x.calls.yaml:3:11: error: YAML syntax: a quote is never closed");
    }

    @Test
    void pathNamesNodesOfSubflowsAsFlowSlashNode() {
        String main = """
                flow: main
                start: account
                variables:
                  tries: 0
                nodes:
                  account:
                    subflow: {flow: billing}
                    next: bye
                  bye:
                    play: "Bye."
                    next: hangup
                """;
        String billing = """
                flow: billing
                start: number
                variables:
                  account: ""
                nodes:
                  number:
                    subflow: {flow: card}
                    next: return
                """;
        String card = """
                flow: card
                start: ask
                nodes:
                  ask:
                    play: "Card?"
                    next: return
                """;
        Map<String, String> files = Map.of("billing", billing, "card", card);
        Flow flow = FlowLoader.parse("flows/main.yaml", main, name -> Optional.ofNullable(files.get(name)));
        String calls = """
                flow: main
                calls:
                  - name: through two subflows
                    from: "+14255550123"
                    expect:
                      path: [account, billing/number, card/ask, bye]
                      variables: {account: "", tries: 0}
                  - name: wrong names
                    from: "+14255550124"
                    expect:
                      path: [account, biling/number, card/asc, main/bye]
                      variables: {acount: ""}
                """;

        List<String> problems;
        try {
            ScriptedCallsLoader.parse("flows/main.calls.yaml", calls, flow, name -> Optional.ofNullable(files.get(name)));
            problems = List.of();
        } catch (FlowException e) {
            problems = e.problems().stream().map(FlowProblem::toString).toList();
        }

        assertThat(problems).containsExactly(
                "flows/main.calls.yaml:11:23: error: path names 'biling/number', but flow 'main' never runs subflow"
                        + " 'biling' (did you mean 'billing'?)",
                "flows/main.calls.yaml:11:38: error: path names node 'asc' of subflow 'card', which it does not have"
                        + " (did you mean 'ask'?)",
                "flows/main.calls.yaml:11:48: error: path names 'main/bye', but flow 'main' never runs subflow 'main'",
                "flows/main.calls.yaml:12:19: error: flow 'main' has no variable 'acount' (did you mean 'account'?)");
    }
}

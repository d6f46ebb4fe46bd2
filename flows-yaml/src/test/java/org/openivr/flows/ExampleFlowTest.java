package org.openivr.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example flow in the repository's {@code flows/} folder and its scripted callers. */
class ExampleFlowTest {
    private static final String FLOW_FILE = "flows/support-line.yaml";
    private static final String CALLS_FILE = "flows/support-line.calls.yaml";

    @Test
    void exampleFlowHasNoProblemsAtAll() {
        FlowLoader.Result result = FlowLoader.check(FLOW_FILE, Fixtures.example("support-line.yaml"));

        assertThat(result.problems()).isEmpty();
        assertThat(result.flow()).isNotNull();
    }

    @Test
    void exampleFlowLoadsFromItsFile() {
        Flow flow = FlowLoader.load(Fixtures.examples().resolve("support-line.yaml"));

        assertThat(flow.name()).isEqualTo("support-line");
        assertThat(flow.start()).isEqualTo("welcome");
        assertThat(flow.variables()).containsExactly(Map.entry("account", ""), Map.entry("queue", ""));
        assertThat(flow.defaults()).isEqualTo(new Defaults(Duration.ofSeconds(5), 3, null));
    }

    @Test
    void exampleFlowReadsEveryVerbAsWritten() {
        Flow flow = FlowLoader.parse(FLOW_FILE, Fixtures.example("support-line.yaml"));

        assertThat(flow.node("welcome")).isEqualTo(new Node.Play("welcome", new SourcePosition(FLOW_FILE, 17, 3),
                List.of(new Prompt.Text("Thanks for calling Contoso support.", null)), BargeIn.KEYS, "main-menu",
                Map.of()));

        Node.Menu menu = (Node.Menu) flow.node("main-menu");
        assertThat(menu.options()).containsExactly(Map.entry("1", "account-number"), Map.entry("2", "technical"),
                Map.entry("0", "agent"));
        assertThat(menu.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(menu.attempts()).isEqualTo(3);
        assertThat(menu.noInput()).containsExactly(new Prompt.Text("Sorry, I didn't hear a choice.", null));
        assertThat(menu.noMatch()).containsExactly(new Prompt.Text("Sorry, that is not one of the choices.", null));
        assertThat(menu.on()).containsExactly(Map.entry("failed", "sorry"));

        Node.Ask ask = (Node.Ask) flow.node("account-number");
        assertThat(ask.into()).isEqualTo("account");
        assertThat(ask.minDigits()).isEqualTo(1);
        assertThat(ask.maxDigits()).isEqualTo(12);
        assertThat(ask.stopOn()).isEqualTo("#");
        assertThat(ask.pattern()).isEqualTo("^[0-9]{8}$");
        assertThat(ask.interDigitTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(ask.sensitive()).isFalse();
        assertThat(ask.bargeIn()).isEqualTo(BargeIn.KEYS);
        assertThat(ask.on()).containsExactly(Map.entry("ok", "check-account"), Map.entry("failed", "sorry"));

        Node.When when = (Node.When) flow.node("check-account");
        assertThat(when.branches()).containsExactly(
                new Node.When.Branch("account.startsWith(\"9\")", "business", new SourcePosition(FLOW_FILE, 48, 9)));
        assertThat(when.otherwise()).isEqualTo("personal");

        assertThat(((Node.Set) flow.node("business")).assignments()).containsExactly(
                Map.entry("queue", "'business-billing'"));
        assertThat(flow.node("end")).isInstanceOf(Node.Hangup.class);
    }

    @Test
    void exampleCallsLoadAndMatchTheFlow() {
        Flow flow = FlowLoader.parse(FLOW_FILE, Fixtures.example("support-line.yaml"));

        ScriptedCalls calls = ScriptedCallsLoader.load(Fixtures.examples().resolve("support-line.calls.yaml"), flow);

        assertThat(calls.flow()).isEqualTo("support-line");
        assertThat(calls.calls()).extracting(ScriptedCall::name).containsExactly(
                "business customer pays a bill",
                "personal customer mistypes the account number once",
                "caller never presses anything",
                "caller presses a key that is not a choice, then technical support",
                "caller asks for an agent",
                "caller hangs up in the main menu");
    }

    @Test
    void everyScriptedCallWalksTheExpectedPath() {
        Flow flow = FlowLoader.parse(FLOW_FILE, Fixtures.example("support-line.yaml"));
        ScriptedCalls calls = ScriptedCallsLoader.parse(CALLS_FILE, Fixtures.example("support-line.calls.yaml"), flow);

        for (ScriptedCall call : calls.calls()) {
            SimulatedCall.Outcome outcome = SimulatedCall.run(flow, call);

            assertThat(outcome.path()).as(call.name()).isEqualTo(call.expect().path());
            assertThat(outcome.ends()).as(call.name()).isEqualTo(call.expect().ends());
            call.expect().variables().forEach((name, value) -> assertThat(String.valueOf(outcome.variables().get(name)))
                    .as(call.name() + ": " + name).isEqualTo(String.valueOf(value)));
        }
    }
}

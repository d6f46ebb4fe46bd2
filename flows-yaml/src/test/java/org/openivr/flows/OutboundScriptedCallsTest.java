package org.openivr.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Outbound scripted calls in a calls file: {@code direction: outbound}, {@code to}, {@code answer}, their endings. */
class OutboundScriptedCallsTest {

    private static List<String> problems(String content) {
        try {
            ScriptedCallsLoader.parse("flows/demo.calls.yaml", content);
            return List.of();
        } catch (FlowException e) {
            return e.problems().stream().map(FlowProblem::toString).toList();
        }
    }

    @Test
    void readsEveryWayACalleeAnswers() {
        ScriptedCalls calls = ScriptedCallsLoader.parse("flows/demo.calls.yaml", """
                flow: demo
                calls:
                  - name: answers
                    direction: outbound
                    to: "+14255550170"
                    answer: after 2s
                    caller:
                      - press: "1"
                    expect: {ends: hungup-by-flow}
                  - name: busy
                    direction: outbound
                    to: "+14255550171"
                    from: "+18005550100"
                    answer: busy
                    expect: {path: [], ends: busy}
                  - name: rings out
                    direction: outbound
                    to: "+14255550172"
                    answer: no-answer
                    expect: {ends: no-answer}
                  - name: declines
                    direction: outbound
                    to: "+14255550173"
                    answer: reject
                    expect: {ends: rejected}
                  - name: default answer
                    direction: outbound
                    to: "+14255550174"
                    expect: {ends: failed}
                  - name: an incoming call
                    direction: inbound
                    from: "+14255550175"
                """);

        ScriptedCall answers = calls.calls().get(0);
        assertThat(answers.outbound()).isTrue();
        assertThat(answers.to()).isEqualTo("+14255550170");
        assertThat(answers.from()).isNull();
        assertThat(answers.personNumber()).isEqualTo("+14255550170");
        assertThat(answers.answer()).isEqualTo(new ScriptedCall.Answer(ScriptedCall.Answer.Kind.AFTER, Duration.ofSeconds(2)));
        assertThat(answers.answer().answers()).isTrue();
        assertThat(answers.caller()).containsExactly(new CallerAction.Press("1"));
        ScriptedCall busy = calls.calls().get(1);
        assertThat(busy.from()).isEqualTo("+18005550100");
        assertThat(busy.answer().kind()).isEqualTo(ScriptedCall.Answer.Kind.BUSY);
        assertThat(busy.answer().answers()).isFalse();
        assertThat(busy.expect()).isEqualTo(new ScriptedCall.Expectation(List.of(), java.util.Map.of(), "busy"));
        assertThat(calls.calls().get(2).answer().kind()).isEqualTo(ScriptedCall.Answer.Kind.NO_ANSWER);
        assertThat(calls.calls().get(3).answer()).hasToString("reject");
        assertThat(calls.calls().get(4).answer()).isEqualTo(ScriptedCall.Answer.DEFAULT);
        ScriptedCall incoming = calls.calls().get(5);
        assertThat(incoming.outbound()).isFalse();
        assertThat(incoming.direction()).isEqualTo(ScriptedCall.Direction.INBOUND);
        assertThat(incoming.answer()).isNull();
        assertThat(incoming.to()).isNull();
        // the components before outbound calls existed still make an incoming call
        assertThat(new ScriptedCall("x", "+1425", null, List.of(), null, null).direction())
                .isEqualTo(ScriptedCall.Direction.INBOUND);
    }

    @Test
    void reportsOutboundMistakesAtTheirPosition() {
        assertThat(problems("""
                flow: demo
                calls:
                  - name: no number
                    direction: outbound
                  - name: bad number
                    direction: outbound
                    to: "4255550170"
                    answer: "after soon"
                  - name: silent callee with steps
                    direction: outbound
                    to: "+14255550171"
                    answer: busy
                    caller:
                      - press: "1"
                  - name: wrong answer
                    direction: outbound
                    to: "+14255550172"
                    answer: bussy
                    at: 2026-11-23T10:00:00-08:00
                  - name: incoming with outbound keys
                    from: "+14255550173"
                    to: "+18005550100"
                    answer: busy
                    expect: {ends: busy}
                  - name: sideways
                    direction: sideways
                    from: "+14255550174"
                """)).containsExactly(
                "flows/demo.calls.yaml:3:5: error: an outbound call needs 'to': the number it dials, like"
                        + " \"+14255550123\"",
                "flows/demo.calls.yaml:7:9: error: to must be a phone number in E.164 form, like \"+14255550123\","
                        + " not '4255550170'",
                "flows/demo.calls.yaml:8:13: error: answer 'after' needs a duration like 500ms, 5s or 2m, not 'soon'",
                "flows/demo.calls.yaml:13:5: error: the callee never answers ('busy'), so these caller steps would"
                        + " never run: drop them, or answer with 'after DURATION'",
                "flows/demo.calls.yaml:18:13: error: answer must be 'after DURATION' (like 'after 2s'), 'busy',"
                        + " 'no-answer' or 'reject', not 'bussy' (did you mean 'busy'?)",
                "flows/demo.calls.yaml:19:5: error: 'at' is for incoming calls only: an outbound call is placed through"
                        + " the API, on the platform's clock",
                "flows/demo.calls.yaml:22:5: error: 'to' is for outbound calls only: add 'direction: outbound', or drop"
                        + " it (an incoming call dials the flow's number)",
                "flows/demo.calls.yaml:23:5: error: 'answer' is for outbound calls only: add 'direction: outbound', or"
                        + " drop it (an incoming call dials the flow's number)",
                "flows/demo.calls.yaml:24:20: error: ends must be 'hungup-by-flow', 'hungup-by-caller' or"
                        + " 'transferred', not 'busy' ('busy' is for outbound calls)",
                "flows/demo.calls.yaml:26:16: error: direction must be 'inbound' or 'outbound', not 'sideways'");
    }

    @Test
    void theShippedReminderHasAnsweredAndUnansweredCallees() {
        Flow flow = FlowLoader.load(Fixtures.examples().resolve("appointment-reminder.yaml"));
        ScriptedCalls calls = ScriptedCallsLoader.load(Fixtures.examples().resolve("appointment-reminder.calls.yaml"), flow);

        assertThat(calls.calls()).allMatch(ScriptedCall::outbound);
        assertThat(calls.calls()).extracting(c -> c.answer().kind()).contains(ScriptedCall.Answer.Kind.AFTER,
                ScriptedCall.Answer.Kind.BUSY, ScriptedCall.Answer.Kind.NO_ANSWER);
        assertThat(calls.calls()).extracting(c -> c.expect().ends()).contains("hungup-by-flow", "busy", "no-answer");
    }
}

package org.openivr.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openivr.flows.Fixtures.problems;
import static org.openivr.flows.Fixtures.resource;

import org.junit.jupiter.api.Test;

/**
 * One fixture per kind of problem under {@code src/test/resources/problems/}, each with every
 * problem it must produce, exactly as {@code ivr validate} prints it.
 */
class FlowProblemsTest {

    @Test
    void yamlSyntaxErrorIsReportedWhereItIs() {
        assertThat(problems("yaml-syntax")).containsExactly(
                "problems/yaml-syntax.yaml:6:4: error: YAML syntax: this line is not indented like the lines around it");
    }

    @Test
    void unquotedStarKeyIsExplained() {
        assertThat(problems("star-key")).containsExactly(
                "problems/star-key.yaml:8:9: error: YAML syntax: '*' starts an alias in YAML: to mean the * key, put it"
                        + " in quotes: \"*\"");
    }

    @Test
    void unquotedHashKeyThatYamlReadsAsACommentIsAWarning() {
        assertThat(problems("unquoted-keys")).containsExactly(
                "problems/unquoted-keys.yaml:9:9: warning: this line is a comment: to use the # key, put it in quotes:"
                        + " \"#\": hangup");
    }

    @Test
    void emptyFileIsReported() {
        assertThat(problems("empty")).containsExactly("problems/empty.yaml:1:1: error: the file is empty");
    }

    @Test
    void fileThatIsNotAMappingIsReported() {
        assertThat(problems("not-a-mapping")).containsExactly(
                "problems/not-a-mapping.yaml:1:1: error: a flow file must be a mapping with 'flow', 'description',"
                        + " 'language', 'voice', 'start', 'variables', 'defaults', 'anytime' or 'nodes', not a list");
    }

    @Test
    void unknownKeysAreReportedWithSuggestions() {
        assertThat(problems("unknown-key")).containsExactly(
                "problems/unknown-key.yaml:3:1: error: unknown key 'varibles' in a flow file (did you mean 'variables'?)",
                "problems/unknown-key.yaml:8:7: error: unknown key 'promt' in menu 'main-menu' (did you mean 'prompt'?)",
                "problems/unknown-key.yaml:14:5: error: node 'goodbye' needs 'next': where the call goes after the play",
                "problems/unknown-key.yaml:15:5: error: unknown key 'nxt' in node 'goodbye' (did you mean 'next'?)");
    }

    @Test
    void missingFieldsAreReported() {
        assertThat(problems("missing-field")).containsExactly(
                "problems/missing-field.yaml:7:5: error: menu 'main-menu' needs 'options': which key goes where",
                "problems/missing-field.yaml:11:3: warning: node 'account-number' cannot be reached from start 'main-menu'",
                "problems/missing-field.yaml:12:5: error: node 'account-number' needs 'on: {ok: ...}': where the call"
                        + " goes once the caller has answered",
                "problems/missing-field.yaml:14:7: error: digits needs 'max': the most keys the caller may press");
    }

    @Test
    void missingStartIsReported() {
        assertThat(problems("missing-start")).containsExactly(
                "problems/missing-start.yaml:1:1: error: the flow needs 'start': the node a call begins with");
    }

    @Test
    void mistypedFieldsAreReported() {
        assertThat(problems("mistyped-field")).containsExactly(
                "problems/mistyped-field.yaml:8:16: error: a prompt in a list must be text or a mapping, not another list",
                "problems/mistyped-field.yaml:10:21: error: digits.max must be a whole number, not 'eight'",
                "problems/mistyped-field.yaml:11:17: error: attempts must be a whole number, not 'three'",
                "problems/mistyped-field.yaml:12:18: error: sensitive must be true or false, not 'yes'");
    }

    @Test
    void badDurationsAreReported() {
        assertThat(problems("bad-duration")).containsExactly(
                "problems/bad-duration.yaml:4:12: error: defaults.timeout must be a duration like 500ms, 5s or 2m, not '5'",
                "problems/bad-duration.yaml:10:16: error: timeout must be a whole number of seconds (ACS counts in"
                        + " seconds), not 1500ms",
                "problems/bad-duration.yaml:18:16: error: timeout must be a duration like 500ms, 5s or 2m, not"
                        + " '10 seconds'");
    }

    @Test
    void badKeysAreReported() {
        assertThat(problems("bad-key")).containsExactly(
                "problems/bad-key.yaml:6:3: error: anytime key 'E' is not a key: keys are 0-9, *, # and A-D",
                "problems/bad-key.yaml:12:9: error: option '12' is not a key: keys are 0-9, *, # and A-D",
                "problems/bad-key.yaml:20:32: error: digits.stopOn 'pound' is not a key: keys are 0-9, *, # and A-D"
                        + " (did you mean '#'?)");
    }

    @Test
    void valuesOutsideWhatAcsAcceptsAreReported() {
        assertThat(problems("out-of-range")).containsExactly(
                "problems/out-of-range.yaml:6:13: error: defaults.attempts must be between 1 and 10, not 0",
                "problems/out-of-range.yaml:12:29: error: digits.max must be between 1 and 30, not 31",
                "problems/out-of-range.yaml:13:16: error: timeout must be between 1s and 300s (ACS waits 1 to 300"
                        + " seconds for the first key), not 301s",
                "problems/out-of-range.yaml:14:26: error: interDigitTimeout must be between 1s and 60s (ACS waits 1 to"
                        + " 60 seconds between keys), not 90s",
                "problems/out-of-range.yaml:15:17: error: attempts must be between 1 and 10, not 11",
                "problems/out-of-range.yaml:23:21: error: digits.min (6) is more than digits.max (4)",
                "problems/out-of-range.yaml:24:16: error: timeout must be between 1s and 300s (ACS waits 1 to 300"
                        + " seconds for the first key), not 0s");
    }

    @Test
    void patternThatDoesNotCompileIsReported() {
        assertThat(problems("bad-regex")).containsExactly(
                "problems/bad-regex.yaml:11:16: error: pattern '^[0-9{8}$' is not a valid regular expression:"
                        + " Unclosed character class at character 9");
    }

    @Test
    void targetsThatDoNotExistAreReportedWithSuggestions() {
        assertThat(problems("unknown-target")).containsExactly(
                "problems/unknown-target.yaml:2:8: error: start 'welcom' is not a node (did you mean 'welcome'?)",
                "problems/unknown-target.yaml:4:8: error: anytime key '0' goes to 'operater', which does not exist"
                        + " (did you mean 'operator'?)",
                "problems/unknown-target.yaml:6:12: error: defaults.onError goes to 'sory', which does not exist"
                        + " (did you mean 'sorry'?)",
                // the example of flow-language.md, word for word
                "problems/unknown-target.yaml:13:11: error: node 'billing' goes to 'bilingq', which does not exist"
                        + " (did you mean 'billing-queue'?)",
                "problems/unknown-target.yaml:19:11: error: node 'operator' goes to 'hang-up', which does not exist"
                        + " (did you mean 'hangup'?)");
    }

    @Test
    void undeclaredVariablesAreReported() {
        assertThat(problems("undeclared-variable")).containsExactly(
                "problems/undeclared-variable.yaml:10:13: error: 'into' names 'acount', which is not a declared variable"
                        + " (did you mean 'account'?)",
                "problems/undeclared-variable.yaml:17:7: error: node 'count' sets 'trys', which is not a declared"
                        + " variable (did you mean 'tries'?)",
                "problems/undeclared-variable.yaml:22:13: error: 'into' names 'tries', which holds a whole number: keys"
                        + " are kept as text, so declare it with \"\"");
    }

    @Test
    void badVariableDeclarationsAreReported() {
        assertThat(problems("bad-variable")).containsExactly(
                "problems/bad-variable.yaml:4:3: error: variable name 'account-number' must be a word of letters,"
                        + " digits and '_' that starts with a letter (expressions would read '-' as minus)",
                "problems/bad-variable.yaml:5:3: error: variable name 'input' is reserved: the call provides it",
                "problems/bad-variable.yaml:6:3: error: variable 'balance' needs an initial value: \"\" for text,"
                        + " 0 for a number, false for true/false",
                // no second problem about '${balance}' in the prompt: the declaration is what is wrong
                "problems/bad-variable.yaml:7:10: error: variable 'flags' must be text, a number or true/false, not a list");
    }

    @Test
    void expressionsThatDoNotCompileOrUseUnknownNamesAreReported() {
        assertThat(problems("bad-expression")).containsExactly(
                "problems/bad-expression.yaml:9:9: error: node 'welcome': prompt text: in '${acount}': unknown name"
                        + " 'acount' (did you mean 'account'?)",
                "problems/bad-expression.yaml:9:9: error: node 'welcome': prompt text: in '${call.form}': unknown name"
                        + " 'call.form' (did you mean 'call.from'?)",
                "problems/bad-expression.yaml:10:9: error: node 'welcome': prompt text: '${' at character 16 is never"
                        + " closed with '}'",
                "problems/bad-expression.yaml:14:14: error: node 'count': value for 'tries' 'tries + \"1\"': type error"
                        + " at column 7: found no matching overload for '+' applied to '(int, string)'",
                "problems/bad-expression.yaml:15:16: error: node 'count': value for 'account' 'account +': syntax error"
                        + " at column 10: the expression ends too early",
                "problems/bad-expression.yaml:19:13: error: node 'check': condition 'account.startswith(\"9\")': unknown"
                        + " function 'startswith' (did you mean 'startsWith'?)",
                "problems/bad-expression.yaml:21:13: error: node 'check': condition 'tries': gives a whole number, not"
                        + " true or false",
                "problems/bad-expression.yaml:23:13: error: node 'check': condition 'size(acount) > 0': unknown name"
                        + " 'acount' (did you mean 'account'?)");
    }

    @Test
    void unreachableNodeIsAWarningAndTheFlowStillLoads() {
        String name = "problems/unreachable.yaml";
        FlowLoader.Result result = FlowLoader.check(name, resource(name));

        assertThat(result.hasErrors()).isFalse();
        assertThat(result.problems()).extracting(FlowProblem::toString).containsExactly(
                "problems/unreachable.yaml:7:3: warning: node 'old-promo' cannot be reached from start 'welcome'");
        assertThat(FlowLoader.parse(name, resource(name)).nodes()).containsOnlyKeys("welcome", "old-promo");
    }

    @Test
    void failedOutcomeThatGoesNowhereIsAnError() {
        assertThat(problems("failed-nowhere")).containsExactly(
                "problems/failed-nowhere.yaml:5:5: error: node 'main-menu': outcome 'failed' goes nowhere: add"
                        + " 'on: {failed: TARGET}' or 'defaults: {onError: TARGET}'");
    }

    @Test
    void failedOutcomeGoesToDefaultsOnError() {
        String name = "problems/on-error-default.yaml";
        Flow flow = FlowLoader.parse(name, resource(name));

        Node menu = flow.node("main-menu");
        assertThat(FlowLoader.check(name, resource(name)).problems()).isEmpty();
        assertThat(menu.onOutcome("failed", flow.defaults())).contains("sorry");
    }

    @Test
    void menuKeyThatIsAlsoAnAnytimeKeyIsAWarning() {
        assertThat(problems("anytime-menu-key")).containsExactly(
                "problems/anytime-menu-key.yaml:11:9: warning: key '0' of menu 'main-menu' is also an anytime key:"
                        + " callers cannot tell which one it does");
    }

    @Test
    void flowNameMustMatchTheFileName() {
        assertThat(problems("name-mismatch")).containsExactly(
                "problems/name-mismatch.yaml:1:7: error: flow 'support-line' does not match its file name: call it"
                        + " 'name-mismatch' or rename the file to 'support-line.yaml'");
    }

    @Test
    void keyWrittenTwiceIsReported() {
        assertThat(problems("duplicate-key")).containsExactly(
                "problems/duplicate-key.yaml:7:3: error: 'welcome' is written twice (first at line 4)");
    }

    @Test
    void nodesNeedExactlyOneVerbAndAGoodId() {
        assertThat(problems("node-verbs")).containsExactly(
                "problems/node-verbs.yaml:5:5: error: node 'welcome' needs 'next': where the call goes after the play",
                "problems/node-verbs.yaml:6:5: error: node 'welcome' has two verbs, 'play' and 'hangup': a node does"
                        + " one thing",
                "problems/node-verbs.yaml:7:3: error: node id 'Goodbye' must start with a-z and use only a-z, 0-9, '-'"
                        + " and '_'",
                "problems/node-verbs.yaml:7:3: error: node 'Goodbye' has no verb: give it one of play, menu, ask,"
                        + " sendDtmf, keys, hold, unhold, record, stream, listen, transfer, set, when, hours, wait,"
                        + " subflow, hangup",
                "problems/node-verbs.yaml:7:3: warning: node 'Goodbye' cannot be reached from start 'welcome'",
                "problems/node-verbs.yaml:9:3: warning: node 'end' cannot be reached from start 'welcome'",
                "problems/node-verbs.yaml:10:13: error: hangup takes no settings: write 'hangup: {}'");
    }

    @Test
    void exitsAVerbDoesNotHaveAreReported() {
        assertThat(problems("misplaced-exit")).containsExactly(
                "problems/misplaced-exit.yaml:10:5: error: 'next' is not used by menu: its options say where the call"
                        + " goes, and 'on: {failed: ...}' where it goes when attempts run out",
                "problems/misplaced-exit.yaml:14:5: error: node 'pin' needs 'on: {ok: ...}': where the call goes once"
                        + " the caller has answered",
                "problems/misplaced-exit.yaml:20:7: error: ask has no outcome 'done': its outcomes are 'ok' and 'failed'",
                "problems/misplaced-exit.yaml:21:3: warning: node 'check' cannot be reached from start 'main-menu'",
                "problems/misplaced-exit.yaml:22:5: error: node 'check' needs 'else': where the call goes when no"
                        + " condition holds",
                "problems/misplaced-exit.yaml:25:3: warning: node 'goodbye' cannot be reached from start 'main-menu'",
                "problems/misplaced-exit.yaml:26:5: error: node 'goodbye' needs 'next': where the call goes after the"
                        + " play",
                "problems/misplaced-exit.yaml:27:5: error: 'on' is not used by play: its one way out is 'next'");
    }

    @Test
    void badPromptsAreReported() {
        assertThat(problems("bad-prompt")).containsExactly(
                "problems/bad-prompt.yaml:6:17: error: audio must be a web address (https://...) of a WAV file, not"
                        + " 'welcome.wav'",
                "problems/bad-prompt.yaml:7:26: error: a prompt is one of 'text', 'ssml' or 'audio', not both 'text'"
                        + " and 'ssml': make a list of prompts",
                "problems/bad-prompt.yaml:8:38: error: 'voice' goes with 'text', not with 'ssml'",
                "problems/bad-prompt.yaml:9:10: error: unknown key 'txt' in a prompt (did you mean 'text'?)",
                "problems/bad-prompt.yaml:12:11: error: play is an empty list: give it something to say");
    }

    @Test
    void loopThatNeverWaitsAndNeverEndsIsAnError() {
        assertThat(problems("endless-loop")).containsExactly(
                "problems/endless-loop.yaml:6:3: error: nodes 'count', 'check' loop forever: the call never waits for"
                        + " the caller and never ends");
    }

    @Test
    void parseThrowsEveryProblemWarningsIncluded() {
        String name = "problems/misplaced-exit.yaml";

        assertThatThrownBy(() -> FlowLoader.parse(name, resource(name)))
                .isInstanceOf(FlowException.class)
                .satisfies(e -> assertThat(((FlowException) e).problems()).extracting(FlowProblem::toString)
                        .containsExactlyElementsOf(problems("misplaced-exit")))
                .hasMessageStartingWith("problems/misplaced-exit.yaml:10:5: error: 'next' is not used by menu");
    }

    @Test
    void loadReportsAFileThatCannotBeRead() {
        assertThatThrownBy(() -> FlowLoader.load(java.nio.file.Path.of("no/such/flow.yaml")))
                .isInstanceOf(FlowException.class)
                .hasMessageStartingWith("no/such/flow.yaml:1:1: error: cannot read the file");
    }
}

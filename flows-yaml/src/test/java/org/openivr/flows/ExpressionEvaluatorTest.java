package org.openivr.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionEvaluatorTest {
    private static final Map<String, Object> DECLARED = declared();
    private final ExpressionEvaluator evaluator = new ExpressionEvaluator(DECLARED);

    private static Map<String, Object> declared() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("account", "");
        variables.put("tries", 0L);
        variables.put("balance", 0.0);
        variables.put("vip", false);
        return variables;
    }

    private static EvaluationContext ctx(Map<String, Object> variables) {
        return new EvaluationContext(variables, "call-42", "+14255550123", "+18005550100", "1",
                Instant.parse("2026-11-23T18:00:00Z"), 2);
    }

    private static EvaluationContext ctx() {
        return ctx(Map.of("account", "91234567", "tries", 2L, "balance", 12.5, "vip", true));
    }

    @Test
    void evaluatesStringsNumbersAndBooleans() {
        assertThat(evaluator.evaluate("account + '#'", ctx())).isEqualTo("91234567#");
        assertThat(evaluator.evaluate("tries + 1", ctx())).isEqualTo(3L);
        assertThat(evaluator.evaluate("balance * 2.0", ctx())).isEqualTo(25.0);
        assertThat(evaluator.evaluate("!vip", ctx())).isEqualTo(false);
    }

    @Test
    void stringFunctionsAndSizeWork() {
        assertThat(evaluator.test("account.startsWith(\"9\")", ctx())).isTrue();
        assertThat(evaluator.test("account.startsWith(\"1\")", ctx())).isFalse();
        assertThat(evaluator.evaluate("size(account)", ctx())).isEqualTo(8L);
        assertThat(evaluator.test("account.matches('^[0-9]{8}$')", ctx())).isTrue();
    }

    @Test
    void callNamesInputAttemptAndNowAreAvailable() {
        assertThat(evaluator.evaluate("call.from", ctx())).isEqualTo("+14255550123");
        assertThat(evaluator.evaluate("call.to", ctx())).isEqualTo("+18005550100");
        assertThat(evaluator.evaluate("call.id", ctx())).isEqualTo("call-42");
        assertThat(evaluator.evaluate("input", ctx())).isEqualTo("1");
        assertThat(evaluator.evaluate("attempt", ctx())).isEqualTo(2L);
        assertThat(evaluator.evaluate("now.getHours('America/Los_Angeles')", ctx())).isEqualTo(10L);
        assertThat(evaluator.test("call.from.startsWith('+1425')", ctx())).isTrue();
    }

    @Test
    void numbersCompareAcrossWholeAndDecimal() {
        assertThat(evaluator.test("balance > 10", ctx())).isTrue();
        assertThat(evaluator.test("tries < 2.5", ctx())).isTrue();
    }

    @Test
    void integerValuesFromJsonAreAccepted() {
        EvaluationContext fromJson = ctx(Map.of("account", "1", "tries", 3, "balance", 7, "vip", false));

        assertThat(evaluator.evaluate("tries * 2", fromJson)).isEqualTo(6L);
        assertThat(evaluator.evaluate("balance + 0.5", fromJson)).isEqualTo(7.5);
    }

    @Test
    void missingVariableKeepsItsInitialValue() {
        assertThat(evaluator.evaluate("tries + 1", ctx(Map.of()))).isEqualTo(1L);
    }

    @Test
    void interpolateReplacesEveryExpression() {
        String text = "Account ${account} has ${balance} dollars after ${tries + 1} tries; VIP: ${vip}.";

        assertThat(evaluator.interpolate(text, ctx()))
                .isEqualTo("Account 91234567 has 12.5 dollars after 3 tries; VIP: true.");
        assertThat(evaluator.interpolate("You called from ${call.from}.", ctx()))
                .isEqualTo("You called from +14255550123.");
        assertThat(evaluator.interpolate("${ {'a': 'b'}['a'] } and ${'}'}", ctx())).isEqualTo("b and }");
        assertThat(evaluator.interpolate("No expressions, $5.", ctx())).isEqualTo("No expressions, $5.");
    }

    @Test
    void wholeDecimalsAreSpokenWithoutAFraction() {
        assertThat(evaluator.interpolate("${balance}", ctx(Map.of("balance", 20.0)))).isEqualTo("20");
    }

    @Test
    void assignConvertsToTheVariablesType() {
        assertThat(evaluator.assign("balance", "tries + 1", ctx())).isEqualTo(3.0);
        assertThat(evaluator.assign("account", "'x' + account", ctx())).isEqualTo("x91234567");
        assertThatThrownBy(() -> evaluator.assign("nope", "1", ctx())).isInstanceOf(ExpressionException.class);
    }

    @Test
    void conditionThatIsNotBooleanThrows() {
        assertThatThrownBy(() -> evaluator.test("tries", ctx()))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("condition 'tries' gives the whole number 2, not true or false");
    }

    @Test
    void evaluationErrorsBecomeExpressionExceptions() {
        assertThatThrownBy(() -> evaluator.evaluate("tries / 0", ctx()))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("'tries / 0' could not be worked out: / by zero");
        assertThatThrownBy(() -> evaluator.evaluate("acount", ctx()))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("'acount': unknown name 'acount' (did you mean 'account'?)");
        assertThatThrownBy(() -> evaluator.evaluate("[1, 2]", ctx()))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("'[1, 2]' gives a list, which is not text, a number or true/false");
        assertThatThrownBy(() -> evaluator.evaluate("now", new EvaluationContext(Map.of(), "c", "", "", "", null, 1)))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("'now' uses 'now', but the call has no clock");
    }

    @Test
    void variableOfTheWrongTypeInTheContextThrows() {
        assertThatThrownBy(() -> evaluator.evaluate("tries", ctx(Map.of("tries", "three"))))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("variable 'tries' holds text 'three', but it was declared as a whole number");
    }

    @Test
    void checkFindsUnknownNamesFunctionsAndSyntaxErrors() {
        assertThat(evaluator.check("account.startsWith('9') && tries > 1")).isEmpty();
        assertThat(evaluator.check("acount == ''")).containsExactly("unknown name 'acount' (did you mean 'account'?)");
        assertThat(evaluator.check("call.form")).containsExactly("unknown name 'call.form' (did you mean 'call.from'?)");
        assertThat(evaluator.check("sise(account)")).containsExactly("unknown function 'sise' (did you mean 'size'?)");
        assertThat(evaluator.check("tries +")).containsExactly("syntax error at column 8: the expression ends too early");
        assertThat(evaluator.check("'a' + tries")).containsExactly(
                "type error at column 5: found no matching overload for '+' applied to '(string, int)'");
    }

    @Test
    void checkConditionAndAssignmentCheckTypes() {
        assertThat(evaluator.checkCondition("vip || tries > 2")).isEmpty();
        assertThat(evaluator.checkCondition("account")).containsExactly("gives text, not true or false");
        assertThat(evaluator.checkAssignment("tries", "tries + 1")).isEmpty();
        assertThat(evaluator.checkAssignment("balance", "tries + 1")).isEmpty();
        assertThat(evaluator.checkAssignment("tries", "'x'")).containsExactly(
                "gives text, but 'tries' holds a whole number");
    }

    @Test
    void checkInterpolationChecksEachExpression() {
        assertThat(evaluator.checkInterpolation("Hi ${account}, ${tries + 1}")).isEmpty();
        assertThat(evaluator.checkInterpolation("Hi ${acount} ${")).containsExactly(
                "in '${acount}': unknown name 'acount' (did you mean 'account'?)",
                "'${' at character 14 is never closed with '}'");
    }

    @Test
    void reservedAndInvalidVariableNamesAreRefused() {
        assertThat(ExpressionEvaluator.variableNameProblem("account_number")).isNull();
        assertThat(ExpressionEvaluator.variableNameProblem("now")).isEqualTo(
                "variable name 'now' is reserved: the call provides it");
        assertThat(ExpressionEvaluator.variableNameProblem("in")).isEqualTo("variable name 'in' is reserved: CEL uses it");
        assertThatThrownBy(() -> new ExpressionEvaluator(Map.of("call", "x"))).isInstanceOf(ExpressionException.class);
    }

    @Test
    void sameInputsGiveTheSameResult() {
        ExpressionEvaluator another = new ExpressionEvaluator(DECLARED);
        String expression = "account.startsWith('9') ? 'business' : 'personal'";

        assertThat(evaluator.evaluate(expression, ctx())).isEqualTo(another.evaluate(expression, ctx()))
                .isEqualTo(evaluator.evaluate(expression, ctx())).isEqualTo("business");
    }

    @Test
    void checkingManyExpressionsTogetherGivesTheAnswersOfCheckingThemOneByOne() {
        List<String> expressions = List.of("account.startsWith('9')", "tries + 1", "balance * 2.0", "!vip",
                "tries > 2 && vip", "account", "[1, 2].exists(x, x > tries)", "[]", "{'a': 1}", "size(account) > 0",
                "now.getHours() < 18", "call.from == '+1'", "attempt", "dyn(tries)", "tries + 'x'", "acount == ''",
                "account +", "call.form", "account.startswith('1')", "tries // a comment\n + 1", "'a' + \"b\"",
                "int(account) + tries", "double(tries) / 3.0", "[tries, balance][0]", "has({'a': 1}.a)");
        List<String> texts = List.of("Balance: ${balance}", "Hi ${acount}", "${tries} tries, ${'x' + 1}");
        ExpressionEvaluator together = new ExpressionEvaluator(DECLARED);
        together.precheck(expressions, texts);

        for (String expression : expressions) {
            assertThat(together.check(expression)).as(expression).isEqualTo(evaluator.check(expression));
            assertThat(together.checkCondition(expression)).as(expression).isEqualTo(evaluator.checkCondition(expression));
            for (String variable : DECLARED.keySet()) {
                assertThat(together.checkAssignment(variable, expression)).as(variable + " = " + expression)
                        .isEqualTo(evaluator.checkAssignment(variable, expression));
            }
        }
        for (String text : texts) {
            assertThat(together.checkInterpolation(text)).as(text).isEqualTo(evaluator.checkInterpolation(text));
        }
    }
}

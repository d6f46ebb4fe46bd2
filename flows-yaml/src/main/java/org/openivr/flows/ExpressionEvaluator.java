package org.openivr.flows;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelExpr.ExprKind;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelUnknownSet;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks and evaluates the CEL expressions of one flow: {@code when} conditions, {@code set} values and
 * the {@code ${...}} parts of prompt text.
 *
 * <p>Names an expression may use: the flow's declared variables (typed by their initial values:
 * text, whole number, number, true/false), {@code call.from}, {@code call.to}, {@code call.id} and
 * {@code input} (text), {@code now} (a timestamp, the call's clock) and {@code attempt} (whole number).
 *
 * <p>Safe in Temporal workflow code: evaluation reads nothing but its {@link EvaluationContext} (no
 * clock, no randomness, no I/O) and there is no static mutable state. An instance caches compiled
 * programs; it is safe to share between threads.
 */
public final class ExpressionEvaluator {
    public static final String CALL_FROM = "call.from";
    public static final String CALL_TO = "call.to";
    public static final String CALL_ID = "call.id";
    public static final String INPUT = "input";
    public static final String NOW = "now";
    public static final String ATTEMPT = "attempt";

    /** The built-in names, which variables may not take. */
    public static final Set<String> BUILT_INS = Set.of(CALL_FROM, CALL_TO, CALL_ID, INPUT, NOW, ATTEMPT);

    private static final Set<String> RESERVED = Set.of("call", INPUT, NOW, ATTEMPT,
            // CEL's own reserved words
            "true", "false", "null", "in", "as", "break", "const", "continue", "else", "for", "function", "if",
            "import", "let", "loop", "package", "namespace", "return", "var", "void", "while");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Functions analysts are likely to reach for, to suggest when one is misspelt. */
    private static final List<String> FUNCTIONS = List.of("size", "startsWith", "endsWith", "contains", "matches",
            "int", "double", "string", "bool", "timestamp", "duration", "getHours", "getMinutes", "getSeconds",
            "getDayOfWeek", "getDayOfMonth", "getDate", "getMonth", "getFullYear", "getDayOfYear", "has", "all",
            "exists", "exists_one", "map", "filter", "dyn", "type");
    private static final Pattern UNDECLARED = Pattern.compile("undeclared reference to '([^']*)'.*", Pattern.DOTALL);
    private static final Pattern OPERATOR = Pattern.compile("'_([^'_]+)_'");
    /** Enough for any list an analyst writes; bounds the work a comprehension may do. */
    private static final int MAX_COMPREHENSION_ITERATIONS = 10_000;

    private final Map<String, Object> initialValues;
    private final Map<String, CelType> types;
    private final Cel cel;
    private final Map<String, CelRuntime.Program> programs = new ConcurrentHashMap<>();
    /** Expressions already checked by {@link #precheck}: their type or their problems. */
    private final Map<String, Checked> checked = new ConcurrentHashMap<>();

    /**
     * @param variables the flow's declared variables and their initial values (String, Long or Integer,
     *                  Double, Boolean), which give each variable its type
     * @throws ExpressionException when a name is not a valid variable name or a value has no type
     */
    public ExpressionEvaluator(Map<String, Object> variables) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, CelType> declared = new LinkedHashMap<>();
        for (Map.Entry<String, Object> variable : variables.entrySet()) {
            String problem = variableNameProblem(variable.getKey());
            if (problem != null) {
                throw new ExpressionException(problem);
            }
            Object value = normalize(variable.getValue());
            CelType type = typeOf(value);
            if (type == null) {
                throw new ExpressionException("variable '" + variable.getKey() + "' must start as text, a number or"
                        + " true/false, not " + variable.getValue());
            }
            values.put(variable.getKey(), value);
            declared.put(variable.getKey(), type);
        }
        this.initialValues = values;
        this.types = declared;
        var builder = CelFactory.standardCelBuilder()
                .setOptions(CelOptions.current()
                        .enableHeterogeneousNumericComparisons(true)
                        .comprehensionMaxIterations(MAX_COMPREHENSION_ITERATIONS)
                        .build())
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addVar(CALL_FROM, SimpleType.STRING)
                .addVar(CALL_TO, SimpleType.STRING)
                .addVar(CALL_ID, SimpleType.STRING)
                .addVar(INPUT, SimpleType.STRING)
                .addVar(NOW, SimpleType.TIMESTAMP)
                .addVar(ATTEMPT, SimpleType.INT);
        declared.forEach(builder::addVar);
        this.cel = builder.build();
    }

    public static ExpressionEvaluator forFlow(Flow flow) {
        return new ExpressionEvaluator(flow.variables());
    }

    /** Why {@code name} cannot be a variable's name, or null when it can. */
    public static String variableNameProblem(String name) {
        if (!VARIABLE_NAME.matcher(name).matches()) {
            return "variable name '" + name + "' must be a word of letters, digits and '_' that starts with a"
                    + " letter (expressions would read '-' as minus)";
        }
        if (RESERVED.contains(name)) {
            return "variable name '" + name + "' is reserved: "
                    + (name.equals("call") || BUILT_INS.contains(name) ? "the call provides it" : "CEL uses it");
        }
        return null;
    }

    /** The declared variables' names, in declaration order. */
    public Set<String> variables() {
        return types.keySet();
    }

    // ---- checking (at load time) ----

    /** What is wrong with an expression; empty when it compiles and uses only known names. */
    public List<String> check(String expression) {
        return checked(expression).problems();
    }

    /** Like {@link #check}, and the expression must give true or false. */
    public List<String> checkCondition(String expression) {
        Checked compiled = checked(expression);
        if (compiled.type() == null) {
            return compiled.problems();
        }
        CelType type = compiled.type();
        if (type.kind() != CelKind.BOOL && type.kind() != CelKind.DYN) {
            return List.of("gives " + describe(type) + ", not true or false");
        }
        return List.of();
    }

    /** Like {@link #check}, and the value must fit the declared variable. */
    public List<String> checkAssignment(String variable, String expression) {
        CelType target = types.get(variable);
        if (target == null) {
            return List.of("'" + variable + "' is not a declared variable"
                    + Suggestions.didYouMean(variable, types.keySet()));
        }
        Checked compiled = checked(expression);
        if (compiled.type() == null) {
            return compiled.problems();
        }
        CelType type = compiled.type();
        boolean fits = type.kind() == CelKind.DYN || type.equals(target)
                || (target.equals(SimpleType.DOUBLE) && type.equals(SimpleType.INT));
        if (!fits) {
            return List.of("gives " + describe(type) + ", but '" + variable + "' holds " + describe(target));
        }
        return List.of();
    }

    /** What is wrong with the {@code ${...}} parts of a text; empty when nothing is. */
    public List<String> checkInterpolation(String text) {
        Interpolation.Parsed parsed = Interpolation.parse(text);
        List<String> problems = new ArrayList<>();
        for (Interpolation.Part part : parsed.parts()) {
            if (part instanceof Interpolation.Expression e) {
                for (String problem : check(e.expression())) {
                    problems.add("in '${" + e.expression() + "}': " + problem);
                }
            }
        }
        if (parsed.error() != null) {
            problems.add(parsed.error());
        }
        return problems;
    }

    private record Compiled(CelAbstractSyntaxTree ast, List<String> problems) {}

    /** What checking tells about an expression: its type, or (type null) what is wrong with it. */
    private record Checked(CelType type, List<String> problems) {
        static Checked of(Compiled compiled) {
            return new Checked(compiled.ast() == null ? null : compiled.ast().getResultType(), compiled.problems());
        }
    }

    private Checked checked(String expression) {
        Checked known = checked.get(expression);
        return known != null ? known : Checked.of(compile(expression));
    }

    // ---- checking many expressions at once ----

    /** At most this many expressions are type-checked together. */
    private static final int BATCH = 64;
    /** ... and at most this much text (CEL limits an expression's size). */
    private static final int BATCH_CHARS = 40_000;

    /**
     * Checks many expressions ahead of {@link #check}, {@link #checkCondition}, {@link #checkAssignment} and
     * {@link #checkInterpolation} (whose answers do not change, they only come faster). CEL builds its
     * whole type environment for every check, which costs about a millisecond; here expressions that
     * parse are type-checked together as one list, {@code [dyn(e1), dyn(e2), ...]}, so a flow pays that
     * once. A batch with a problem is split in halves until each problem is found on its own, with
     * exactly the message a single check gives.
     *
     * @param expressions expressions, and prompt texts with {@code ${...}} parts when {@code texts}
     */
    public void precheck(Collection<String> expressions, Collection<String> texts) {
        Set<String> all = new LinkedHashSet<>(expressions);
        for (String text : texts) {
            for (Interpolation.Part part : Interpolation.parse(text).parts()) {
                if (part instanceof Interpolation.Expression e) {
                    all.add(e.expression());
                }
            }
        }
        List<String> parsed = new ArrayList<>();
        for (String expression : all) {
            if (checked.containsKey(expression)) {
                continue;
            }
            try {
                CelValidationResult result = cel.parse(expression);
                if (result.hasError()) {
                    checked.put(expression, new Checked(null, List.of(syntaxMessage(result.getErrors().get(0)))));
                } else {
                    parsed.add(expression);
                }
            } catch (RuntimeException | StackOverflowError e) {
                checked.put(expression, Checked.of(compile(expression)));
            }
        }
        int from = 0;
        while (from < parsed.size()) {
            int to = from;
            int chars = 0;
            while (to < parsed.size() && to - from < BATCH && (to == from || chars + parsed.get(to).length() < BATCH_CHARS)) {
                chars += parsed.get(to).length() + 8;
                to++;
            }
            checkBatch(parsed.subList(from, to));
            from = to;
        }
    }

    private void checkBatch(List<String> batch) {
        if (batch.size() == 1) {
            checked.put(batch.get(0), Checked.of(compile(batch.get(0))));
            return;
        }
        List<CelType> types = typesTogether(batch);
        if (types == null) {
            int half = batch.size() / 2;
            checkBatch(batch.subList(0, half));
            checkBatch(batch.subList(half, batch.size()));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            checked.put(batch.get(i), new Checked(types.get(i), List.of()));
        }
    }

    /**
     * The type of each expression (each parses on its own), checked as one list; null when any of them has
     * a problem or the list does not come out as one element per expression.
     */
    private List<CelType> typesTogether(List<String> batch) {
        // Each expression on its own lines, so that a '//' comment ends before the next one.
        StringBuilder source = new StringBuilder("[");
        for (int i = 0; i < batch.size(); i++) {
            source.append(i == 0 ? "" : ",").append("dyn(\n").append(batch.get(i)).append("\n)");
        }
        source.append(']');
        try {
            CelValidationResult parsed = cel.parse(source.toString());
            if (parsed.hasError()) {
                return null;
            }
            CelValidationResult result = cel.check(parsed.getAst());
            if (result.hasError()) {
                return null;
            }
            CelAbstractSyntaxTree ast = result.getAst();
            CelExpr list = ast.getExpr();
            if (list.getKind() != ExprKind.Kind.LIST || list.list().elements().size() != batch.size()) {
                return null;
            }
            List<CelType> types = new ArrayList<>();
            for (CelExpr element : list.list().elements()) {
                if (element.getKind() != ExprKind.Kind.CALL || element.call().args().size() != 1) {
                    return null;
                }
                types.add(ast.getType(element.call().args().get(0).id()).orElse(SimpleType.DYN));
            }
            return types;
        } catch (CelValidationException | RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    private Compiled compile(String expression) {
        try {
            CelValidationResult parsed = cel.parse(expression);
            if (parsed.hasError()) {
                // The first syntax error is the useful one; the rest follow from it.
                return new Compiled(null, List.of(syntaxMessage(parsed.getErrors().get(0))));
            }
            CelValidationResult checked = cel.check(parsed.getAst());
            if (checked.hasError()) {
                Set<String> problems = new LinkedHashSet<>();
                for (CelIssue issue : checked.getErrors()) {
                    problems.add(checkMessage(issue, expression));
                }
                return new Compiled(null, List.copyOf(problems));
            }
            return new Compiled(checked.getAst(), List.of());
        } catch (CelValidationException | RuntimeException | StackOverflowError e) {
            return new Compiled(null, List.of("cannot be read: " + e.getMessage()));
        }
    }

    private static String syntaxMessage(CelIssue issue) {
        String message = issue.getMessage()
                .replaceAll(" expecting \\{.*}$", "")
                .replace("mismatched input '<EOF>'", "the expression ends too early")
                .replace("mismatched input", "unexpected")
                .replace("no viable alternative at input", "unexpected")
                .replace("token recognition error at:", "cannot read");
        return "syntax error at column " + column(issue) + ": " + message;
    }

    private String checkMessage(CelIssue issue, String expression) {
        Matcher undeclared = UNDECLARED.matcher(issue.getMessage());
        if (undeclared.matches()) {
            String name = undeclared.group(1);
            int at = issue.getSourceLocation().getColumn();
            if (at >= 0 && at < expression.length() && expression.charAt(at) == '(') {
                return "unknown function '" + name + "'" + Suggestions.didYouMean(name, FUNCTIONS);
            }
            if (name.equals("call")) {
                name = dottedName(expression, Math.max(at, 0));
            }
            return "unknown name '" + name + "'" + Suggestions.didYouMean(name, knownNames());
        }
        String message = issue.getMessage().replaceAll(" \\(candidates: .*\\)$", "");
        message = OPERATOR.matcher(message).replaceAll("'$1'");
        return "type error at column " + column(issue) + ": " + message;
    }

    private static int column(CelIssue issue) {
        return Math.max(issue.getSourceLocation().getColumn(), 0) + 1;
    }

    /** {@code call.form} from the expression at {@code at}, for a message about an unknown {@code call.} name. */
    private static String dottedName(String expression, int at) {
        Matcher m = Pattern.compile("call\\s*\\.\\s*([A-Za-z_][A-Za-z0-9_]*)").matcher(expression);
        return m.find(at) ? "call." + m.group(1) : "call";
    }

    private List<String> knownNames() {
        List<String> names = new ArrayList<>(types.keySet());
        names.addAll(List.of(CALL_FROM, CALL_TO, CALL_ID, INPUT, NOW, ATTEMPT));
        return names;
    }

    // ---- evaluating (at run time) ----

    /**
     * The value of an expression: String, Long, Double or Boolean.
     *
     * @throws ExpressionException when it does not compile, fails (division by zero, ...) or gives another type
     */
    public Object evaluate(String expression, EvaluationContext ctx) {
        Object value = run(expression, ctx);
        if (value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean) {
            return value;
        }
        throw new ExpressionException("'" + expression + "' gives " + describe(value)
                + ", which is not text, a number or true/false");
    }

    /** A condition's truth. @throws ExpressionException when it does not give true or false */
    public boolean test(String condition, EvaluationContext ctx) {
        Object value = run(condition, ctx);
        if (value instanceof Boolean truth) {
            return truth;
        }
        throw new ExpressionException("condition '" + condition + "' gives " + describe(value)
                + ", not true or false");
    }

    /**
     * The value a {@code set} stores in {@code variable}, converted to its declared type (a whole
     * number stored in a number variable becomes a Double).
     */
    public Object assign(String variable, String expression, EvaluationContext ctx) {
        CelType type = types.get(variable);
        if (type == null) {
            throw new ExpressionException("'" + variable + "' is not a declared variable");
        }
        Object value = evaluate(expression, ctx);
        Object converted = convert(value, type);
        if (converted == null) {
            throw new ExpressionException("'" + expression + "' gives " + describe(value) + ", but '" + variable
                    + "' holds " + describe(type));
        }
        return converted;
    }

    /** The text with each {@code ${expression}} replaced by its value. */
    public String interpolate(String text, EvaluationContext ctx) {
        if (!Interpolation.hasExpressions(text)) {
            return text;
        }
        Interpolation.Parsed parsed = Interpolation.parse(text);
        if (parsed.error() != null) {
            throw new ExpressionException(parsed.error());
        }
        StringBuilder out = new StringBuilder();
        for (Interpolation.Part part : parsed.parts()) {
            if (part instanceof Interpolation.Literal literal) {
                out.append(literal.text());
            } else if (part instanceof Interpolation.Expression e) {
                out.append(format(run(e.expression(), ctx)));
            }
        }
        return out.toString();
    }

    private Object run(String expression, EvaluationContext ctx) {
        CelRuntime.Program program = programs.computeIfAbsent(expression, this::program);
        Map<String, Object> activation = activation(ctx);
        Object value;
        try {
            value = program.eval(activation);
        } catch (CelEvaluationException e) {
            String reason = String.valueOf(e.getMessage()).replaceFirst("^evaluation error at [^:]*:\\d+: ", "");
            throw new ExpressionException("'" + expression + "' could not be worked out: " + reason, e);
        } catch (RuntimeException e) {
            throw new ExpressionException("'" + expression + "' could not be worked out: " + e.getMessage(), e);
        }
        if (value instanceof CelUnknownSet) {
            // Only 'now' can be missing: every other name is always bound.
            throw new ExpressionException("'" + expression + "' uses 'now', but the call has no clock");
        }
        return value;
    }

    private CelRuntime.Program program(String expression) {
        Compiled compiled = compile(expression);
        if (compiled.ast() == null) {
            throw new ExpressionException("'" + expression + "': " + String.join("; ", compiled.problems()));
        }
        try {
            return cel.createProgram(compiled.ast());
        } catch (CelEvaluationException e) {
            throw new ExpressionException("'" + expression + "' cannot run: " + e.getMessage(), e);
        }
    }

    private Map<String, Object> activation(EvaluationContext ctx) {
        Map<String, Object> values = new HashMap<>();
        Map<String, Object> given = ctx.variables() == null ? Map.of() : ctx.variables();
        for (Map.Entry<String, CelType> variable : types.entrySet()) {
            String name = variable.getKey();
            // A variable the context does not carry still has its initial value.
            Object value = given.containsKey(name) ? given.get(name) : initialValues.get(name);
            Object converted = convert(normalize(value), variable.getValue());
            if (converted == null) {
                throw new ExpressionException("variable '" + name + "' holds " + describe(value)
                        + ", but it was declared as " + describe(variable.getValue()));
            }
            values.put(name, converted);
        }
        values.put(CALL_FROM, orEmpty(ctx.from()));
        values.put(CALL_TO, orEmpty(ctx.to()));
        values.put(CALL_ID, orEmpty(ctx.callId()));
        values.put(INPUT, orEmpty(ctx.input()));
        if (ctx.now() != null) {
            values.put(NOW, ctx.now());
        }
        values.put(ATTEMPT, ctx.attempt());
        return values;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    /** Integer (and other small integer types) as Long, as values arrive after a JSON round trip. */
    private static Object normalize(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        return value;
    }

    /** The value as the declared type, or null when it does not fit. */
    private static Object convert(Object value, CelType type) {
        value = normalize(value);
        if (type.equals(SimpleType.STRING)) {
            return value instanceof String ? value : null;
        }
        if (type.equals(SimpleType.BOOL)) {
            return value instanceof Boolean ? value : null;
        }
        if (type.equals(SimpleType.INT)) {
            if (value instanceof Long) {
                return value;
            }
            if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p53) {
                return d.longValue();
            }
            return null;
        }
        if (type.equals(SimpleType.DOUBLE)) {
            return value instanceof Number n ? (Object) n.doubleValue() : null;
        }
        return null;
    }

    private static CelType typeOf(Object value) {
        if (value instanceof String) {
            return SimpleType.STRING;
        }
        if (value instanceof Long) {
            return SimpleType.INT;
        }
        if (value instanceof Double) {
            return SimpleType.DOUBLE;
        }
        if (value instanceof Boolean) {
            return SimpleType.BOOL;
        }
        return null;
    }

    /** How a value reads in a prompt: numbers without a needless ".0", times in ISO-8601. */
    static String format(Object value) {
        if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return d.toString();
            }
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(ExpressionEvaluator::format).collect(Collectors.joining(", "));
        }
        return String.valueOf(value);
    }

    private static String describe(CelType type) {
        return switch (type.kind()) {
            case STRING -> "text";
            case INT, UINT -> "a whole number";
            case DOUBLE -> "a number";
            case BOOL -> "true/false";
            case TIMESTAMP -> "a time";
            case DURATION -> "a duration";
            case LIST -> "a list";
            case MAP -> "a map";
            default -> "a value of type " + type.name();
        };
    }

    private static String describe(Object value) {
        if (value instanceof String s) {
            return "text '" + s + "'";
        }
        if (value instanceof Long || value instanceof Integer) {
            return "the whole number " + value;
        }
        if (value instanceof Double) {
            return "the number " + value;
        }
        if (value instanceof Boolean) {
            return String.valueOf(value);
        }
        if (value instanceof Instant) {
            return "a time";
        }
        if (value instanceof Collection<?>) {
            return "a list";
        }
        if (value instanceof Map<?, ?>) {
            return "a map";
        }
        return value == null ? "nothing" : "a " + value.getClass().getSimpleName();
    }
}

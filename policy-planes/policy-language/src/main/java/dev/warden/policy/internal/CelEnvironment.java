package dev.warden.policy.internal;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.time.Clock;
import java.util.Map;

/**
 * The CEL compiler and runtime of one engine: the declared variables ({@link WardenTypes#VARIABLES}), the Warden
 * functions and the standard macros ({@code has}, {@code all}, {@code exists}, {@code map}, {@code filter}).
 * Immutable and thread-safe once built.
 */
public final class CelEnvironment {
    /** Longest CEL expression accepted, in code points. */
    public static final int MAX_EXPRESSION = 8 * 1024;

    private final CelOptions options;
    private final Map<String, dev.warden.spi.RuleVocabulary> vocabularies = new java.util.HashMap<>();
    /** Built on first use: an engine whose every expression was compiled at build time never builds one. */
    private final Map<String, CelCompiler> compilers = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, String> fingerprints = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger fromForms = new java.util.concurrent.atomic.AtomicInteger();
    private final CelRuntime runtime;
    private final Clock clock;
    private final DataSets dataSets;

    public CelEnvironment(Clock clock) {
        this(clock, DataSets.none(), java.util.List.of());
    }

    public CelEnvironment(Clock clock, DataSets dataSets) {
        this(clock, dataSets, java.util.List.of());
    }

    /**
     * @param dataSets the named data sets rules may read ({@code dataset.contains})
     * @param vocabularies plugin vocabularies: rules of plane {@code v.plane()} compile against the standard
     *     variables and functions plus {@code v}'s; a name clash with Warden's throws {@link IllegalArgumentException}
     */
    public CelEnvironment(Clock clock, DataSets dataSets,
            java.util.Collection<dev.warden.spi.RuleVocabulary> vocabularies) {
        PluginVocabularies.check(vocabularies);
        this.clock = clock;
        this.dataSets = dataSets;
        this.options = CelOptions.current()
                .enableHeterogeneousNumericComparisons(true)
                .maxExpressionCodePointSize(MAX_EXPRESSION)
                .maxParseRecursionDepth(64)
                .comprehensionMaxIterations(10_000)
                .build();
        vocabularies.forEach(v -> this.vocabularies.put(v.plane(), v));
        this.runtime = CelRuntimeFactory.standardCelRuntimeBuilder()
                .setOptions(options)
                .addFunctionBindings(WardenFunctions.bindings(clock, dataSets))
                .addFunctionBindings(PluginVocabularies.bindings(vocabularies))
                .build();
    }

    /** The compiler of {@code plane}'s rules (the standard one for a plane without vocabulary), built once. */
    private CelCompiler compiler(String plane, boolean condition) {
        return compiler(plane, condition, false);
    }

    /** @param typed with the variables of {@link TypedAttributes}' view */
    private CelCompiler compiler(String plane, boolean condition, boolean typed) {
        dev.warden.spi.RuleVocabulary plugin = plane == null ? null : vocabularies.get(plane);
        String id = (plugin == null ? "" : plugin.plane()) + (condition ? "/when" : "/value") + (typed ? "/typed" : "");
        return compilers.computeIfAbsent(id, k -> compiler(options, condition ? SimpleType.BOOL : SimpleType.DYN,
                plugin, typed));
    }

    private static CelCompiler compiler(CelOptions options, CelType result, dev.warden.spi.RuleVocabulary plugin,
            boolean typed) {
        CelCompilerBuilder b = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(options)
                .setTypeProvider(WardenTypes.PROVIDER)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addFunctionDeclarations(WardenFunctions.declarations())
                .setResultType(result);
        for (Map.Entry<String, CelType> v : WardenTypes.VARIABLES.entrySet()) {
            b.addVar(v.getKey(), v.getValue());
        }
        if (typed) {
            TypedAttributes.VARIABLES.forEach(b::addVar);
        }
        if (plugin != null) {
            PluginVocabularies.variables(plugin).forEach(b::addVar);
            b.addFunctionDeclarations(PluginVocabularies.declarations(plugin));
        }
        return b.build();
    }

    /** The clock behind {@code now()} and {@code time.within}. */
    public Clock clock() {
        return clock;
    }

    /** The data sets rules may name in {@code dataset.contains}. */
    public DataSets dataSets() {
        return dataSets;
    }

    /** Result of compiling one expression: a program, or the first error with its position in the expression. */
    public record Compiled(CelRuntime.Program program, CelAbstractSyntaxTree ast, int line, int column,
            String error) {
        public boolean ok() {
            return error == null;
        }
    }

    /** Compiles and type-checks a condition (must be {@code bool}). */
    public Compiled condition(String expression) {
        return compile(null, true, expression, Map.of());
    }

    /** Compiles and type-checks a value expression (any type), e.g. a transform's new argument value. */
    public Compiled value(String expression) {
        return compile(null, false, expression, Map.of());
    }

    /** Compiles a condition of a rule of {@code plane}: with that plane's plugin vocabulary, if it has one. */
    public Compiled condition(String plane, String expression) {
        return compile(plane, true, expression, Map.of());
    }

    /** Compiles a value expression of a rule of {@code plane}: with that plane's plugin vocabulary, if it has one. */
    public Compiled value(String plane, String expression) {
        return compile(plane, false, expression, Map.of());
    }

    /**
     * As {@link #condition(String, String)} or {@link #value(String, String)}, taking the checked form from
     * {@code forms} (by {@link #key}) when it holds one that decodes; otherwise parses and checks as usual.
     */
    Compiled compile(String plane, boolean condition, String expression, Map<String, byte[]> forms) {
        byte[] form = forms.isEmpty() ? null : forms.get(key(plane, condition, expression));
        if (form != null) {
            CelAbstractSyntaxTree ast = CheckedForms.decode(form, expression);
            if (ast != null) {
                try {
                    Compiled c = new Compiled(runtime.createProgram(ast), ast, 0, 0, null);
                    fromForms.incrementAndGet();
                    return c;
                } catch (CelEvaluationException | RuntimeException e) {
                    // not a form this runtime can plan: compile the text below, as without forms
                }
            }
        }
        Compiled compiled = compile(compiler(plane, condition), expression);
        if (compiled.ok() && TypedAttributes.mentioned(expression)) {
            Compiled typed = typedView(plane, condition, expression);
            if (typed != null) {
                return typed;
            }
        }
        return compiled;
    }

    /** The error of the typed view of an expression that compiled ({@link TypedAttributes}), or {@code null}. */
    private Compiled typedView(String plane, boolean condition, String expression) {
        try {
            String view = TypedAttributes.view(compiler(plane, condition).parse(expression).getAst(), expression);
            if (view != null) {
                compiler(plane, condition, true).compile(view).getAst();
            }
            return null;
        } catch (CelValidationException e) {
            return error(e);
        }
    }

    /**
     * The key of an expression's checked form: whether it is a condition, the fingerprint of the environment it is
     * checked in (which includes {@code plane}'s vocabulary) and its text.
     */
    String key(String plane, boolean condition, String expression) {
        return (condition ? "when " : "value ") + fingerprint(plane, condition) + "\n" + expression;
    }

    private String fingerprint(String plane, boolean condition) {
        dev.warden.spi.RuleVocabulary plugin = plane == null ? null : vocabularies.get(plane);
        String id = (plugin == null ? "" : plugin.plane()) + (condition ? "/when" : "/value");
        return fingerprints.computeIfAbsent(id, k -> {
            Map<String, CelType> vars = new java.util.LinkedHashMap<>(WardenTypes.VARIABLES);
            vars.putAll(TypedAttributes.VARIABLES); // the typed view's check is part of what a form stands for
            java.util.List<dev.cel.common.CelFunctionDecl> fns = new java.util.ArrayList<>(
                    WardenFunctions.declarations());
            if (plugin != null) {
                vars.putAll(PluginVocabularies.variables(plugin));
                fns.addAll(PluginVocabularies.declarations(plugin));
            }
            return CheckedForms.fingerprint(options, vars, fns,
                    CelStandardMacro.STANDARD_MACROS.stream().map(m -> m.getDefinition().getKey()).toList(),
                    condition ? SimpleType.BOOL : SimpleType.DYN);
        });
    }

    /** How many expressions this environment took from checked forms instead of compiling them. */
    public int compiledFromForms() {
        return fromForms.get();
    }

    /** How many compilers this environment has built (none while every expression came from a checked form). */
    int compilersBuilt() {
        return compilers.size();
    }

    private Compiled compile(CelCompiler compiler, String expression) {
        try {
            CelAbstractSyntaxTree ast = compiler.compile(expression).getAst();
            return new Compiled(runtime.createProgram(ast), ast, 0, 0, null);
        } catch (CelValidationException e) {
            return error(e);
        } catch (CelEvaluationException | RuntimeException e) {
            return new Compiled(null, null, 1, 0, "CEL error: " + e.getMessage());
        }
    }

    private static Compiled error(CelValidationException e) {
        CelIssue first = e.getErrors().isEmpty() ? null : e.getErrors().get(0);
        int line = first == null ? 1 : Math.max(1, first.getSourceLocation().getLine());
        int col = first == null ? 0 : first.getSourceLocation().getColumn() + 1;
        String msg = first == null ? e.getMessage() : first.getMessage();
        return new Compiled(null, null, line, col, "CEL error at column " + col + ": " + msg);
    }
}

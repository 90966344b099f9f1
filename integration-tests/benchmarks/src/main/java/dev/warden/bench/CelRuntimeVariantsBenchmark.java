package dev.warden.bench;

import dev.cel.common.CelOptions;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeBuilder;
import dev.cel.runtime.CelRuntimeFactory;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import dev.warden.policy.PolicyRule;
import dev.warden.policy.internal.RequestActivation;
import dev.warden.policy.internal.WardenTypes;
import java.lang.reflect.Method;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Experiment behind the policy-evaluation analysis in {@code docs/benchmarks.md}: the same 50 conditions, the same
 * declarations, bindings and {@link RequestActivation} as the shipped engine, evaluated for the {@code crm-read}
 * request with different CEL runtimes, with and without a tool-name pre-filter. Not a product code path: it exists to
 * size the fix proposed for the policy language (which this module must not edit).
 *
 * <ul>
 *   <li>{@code legacy} — {@code CelRuntimeFactory.standardCelRuntimeBuilder()} and the engine's options: what ships;</li>
 *   <li>{@code legacy-cto} — the same plus {@code enableCompileTimeOverloadResolution(true)};</li>
 *   <li>{@code legacy-fused} — the shipped runtime, but all conditions of the group compiled into <em>one</em>
 *       program {@code [c1, c2, …]} evaluated once (one interpreter set-up instead of one per rule);</li>
 *   <li>{@code planner} — {@code CelRuntimeFactory.plannerRuntimeBuilder()} (cel-java's new planned evaluator).</li>
 * </ul>
 * {@code toolIndex=true} skips, before any CEL runs, rules whose condition starts with a {@code tool.name} guard
 * ({@code ==}, {@code in [...]}, {@code startsWith}) that the request's tool cannot satisfy — what a rule index keyed
 * by tool name would do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CelRuntimeVariantsBenchmark {
    private static final Pattern EQ = Pattern.compile("^tool\\.name == \"([^\"]+)\"");
    private static final Pattern IN = Pattern.compile("^tool\\.name in \\[([^\\]]+)\\]");
    private static final Pattern PREFIX = Pattern.compile("^tool\\.name\\.startsWith\\(\"([^\"]+)\"\\)");

    /** Also accepts {@code legacy-cto} (run it with {@code -p runtime=legacy-cto -p toolIndex=true}, see the doc). */
    @Param({"legacy", "legacy-fused", "planner"})
    public String runtime;

    @Param({"false", "true"})
    public boolean toolIndex;

    private CelRuntime.Program[] programs;
    /** Conditions evaluated per request (after the optional tool index); printed so the doc can quote it. */
    private int ruleCount;
    private CheckpointRequest request;
    private GovernanceContext context;

    @Setup
    public void setUp() throws Exception {
        request = BenchFixtures.crmRead();
        context = BenchFixtures.analystContext();
        CelOptions options = options(runtime.equals("legacy-cto"));
        boolean fused = runtime.equals("legacy-fused");
        CelCompiler compiler = compiler(options, fused ? SimpleType.DYN : SimpleType.BOOL);
        CelRuntimeBuilder rb = runtime.equals("planner") ? CelRuntimeFactory.plannerRuntimeBuilder()
                : CelRuntimeFactory.standardCelRuntimeBuilder();
        CelRuntime cel = rb.setOptions(options).addFunctionBindings(bindings(PolicyEvaluationBenchmark.MONDAY_MORNING))
                .build();
        List<String> conditions = new ArrayList<>();
        for (PolicyRule r : PolicyEvaluationBenchmark.engine().policySets().get(0).rules()) {
            if (!toolIndex || mayMatchTool(r.when().strip(), request.toolName())) {
                conditions.add(r.when());
            }
        }
        List<CelRuntime.Program> out = new ArrayList<>();
        if (fused) {
            out.add(cel.createProgram(compiler.compile("[" + String.join(",\n", conditions) + "]").getAst()));
        } else {
            for (String c : conditions) {
                out.add(cel.createProgram(compiler.compile(c).getAst()));
            }
        }
        programs = out.toArray(new CelRuntime.Program[0]);
        ruleCount = conditions.size();
        Object result = evaluate();
        if (!Boolean.FALSE.equals(result)) {
            throw new IllegalStateException(runtime + ": expected no rule to match crm-read, got " + result);
        }
        System.out.println("[experiment] " + runtime + " toolIndex=" + toolIndex + ": " + ruleCount
                + " conditions per request in " + programs.length + " program(s)");
    }

    /** Evaluates every (remaining) condition like {@code RuleEvaluator} does; returns whether any matched. */
    @Benchmark
    public Object evaluate() throws Exception {
        RequestActivation activation = new RequestActivation(request, context);
        boolean any = false;
        for (CelRuntime.Program p : programs) {
            Object r = p.eval(activation);
            if (r instanceof List<?> matches) { // fused: one bool per rule
                for (Object m : matches) {
                    any |= Boolean.TRUE.equals(m);
                }
            } else {
                any |= Boolean.TRUE.equals(r);
            }
        }
        return any;
    }

    static boolean mayMatchTool(String when, String tool) {
        Matcher m = EQ.matcher(when);
        if (m.find()) {
            return m.group(1).equals(tool);
        }
        m = IN.matcher(when);
        if (m.find()) {
            return m.group(1).contains("\"" + tool + "\"");
        }
        m = PREFIX.matcher(when);
        return !m.find() || tool.startsWith(m.group(1));
    }

    /** The engine's options ({@code CelEnvironment}), optionally with compile-time overload resolution. */
    private static CelOptions options(boolean compileTimeOverloads) {
        return CelOptions.current()
                .enableHeterogeneousNumericComparisons(true)
                .maxParseRecursionDepth(64)
                .comprehensionMaxIterations(10_000)
                .enableCompileTimeOverloadResolution(compileTimeOverloads)
                .build();
    }

    private static CelCompiler compiler(CelOptions options, CelType result) throws Exception {
        @SuppressWarnings("unchecked")
        List<CelFunctionDecl> decls = (List<CelFunctionDecl>) internal("declarations").invoke(null);
        CelCompilerBuilder b = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(options)
                .setTypeProvider(WardenTypes.PROVIDER)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addFunctionDeclarations(decls)
                .setResultType(result);
        for (Map.Entry<String, CelType> v : WardenTypes.VARIABLES.entrySet()) {
            b.addVar(v.getKey(), v.getValue());
        }
        return b.build();
    }

    @SuppressWarnings("unchecked")
    private static List<CelFunctionBinding> bindings(Clock clock) throws Exception {
        return (List<CelFunctionBinding>) internal("bindings", Clock.class).invoke(null, clock);
    }

    /** The engine's own (package-private) declarations and bindings, so the experiment compares runtimes only. */
    private static Method internal(String name, Class<?>... types) throws Exception {
        Method m = Class.forName("dev.warden.policy.internal.WardenFunctions").getDeclaredMethod(name, types);
        m.setAccessible(true);
        return m;
    }
}

package dev.warden.policy.internal;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.SimpleType;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Pre-filters read from a rule's condition at load time. When the condition is a conjunction, conjuncts of a few
 * cheap shapes are also checked in plain Java before CEL runs:
 * <ul>
 *   <li>{@code tool.name == "x"}, {@code tool.name in ["x", "y"]}, {@code tool.name.startsWith("p")}, and
 *       disjunctions ({@code ||}) of those;</li>
 *   <li>{@code "E" in tool.effects}, {@code "r" in user.roles}, {@code "C" in context.labels.categories},
 *       {@code tool.risk in [...]};</li>
 *   <li>{@code agent.id == "x"}, {@code task.purpose == "x"}, {@code context.depth > n} and
 *       {@code context.usage.toolCalls|steps|tokens > n} (or {@code >=});</li>
 *   <li>the negation of a membership test above, e.g. {@code !("r" in user.roles)};</li>
 *   <li>{@code context.labels.untrusted}, {@code context.labels.atLeast("LEVEL")}, {@code context.scoped},
 *       {@code "k" in user.attributes}, {@code !tool.declared}.</li>
 * </ul>
 * If one of them is false, the condition cannot hold, so evaluation skips the rule. Exact: when every conjunct is typed
 * {@code bool}, CEL's {@code &&} is false as soon as one conjunct is false, whatever the others yield (even errors),
 * so skipping never changes a decision — it only saves the interpreter's work. (A {@code dyn} conjunct can hold a
 * non-boolean value, which cel-java reports as an error ahead of a later false conjunct; such conditions get no
 * guard.) Tool-name conjuncts depend on the name alone: {@link RuleIndex} applies them once per tool name.
 */
public final class ToolGuard {
    private final BiPredicate<CheckpointRequest, GovernanceContext>[] checks;
    private final List<BiPredicate<CheckpointRequest, GovernanceContext>> toolChecks;
    private final List<NameFilter> names;

    @SuppressWarnings("unchecked")
    private ToolGuard(List<BiPredicate<CheckpointRequest, GovernanceContext>> checks,
            List<BiPredicate<CheckpointRequest, GovernanceContext>> toolChecks, List<NameFilter> names) {
        this.checks = checks.toArray(BiPredicate[]::new);
        this.toolChecks = List.copyOf(toolChecks);
        this.names = List.copyOf(names);
    }

    /**
     * Whether the request's tool descriptor can satisfy every conjunct that reads nothing but {@code tool}
     * ({@code "E" in tool.effects}, {@code tool.risk in [...]}, {@code !tool.declared}); {@code context} may be
     * {@code null}. {@link RuleIndex} applies it once per descriptor instance.
     */
    public boolean admitsDescriptor(CheckpointRequest request) {
        for (BiPredicate<CheckpointRequest, GovernanceContext> c : toolChecks) {
            if (!c.test(request, null)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a request for tool {@code toolName} ({@code ""} without a tool) can satisfy every tool-name conjunct.
     * Depends on the name only, so {@link RuleIndex} applies it once per tool name and caches the result.
     */
    public boolean admitsTool(String toolName) {
        for (NameFilter n : names) {
            if (!n.admits(toolName)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the request can satisfy every recognised conjunct that reads more than the tool. */
    public boolean admits(CheckpointRequest request, GovernanceContext context) {
        for (BiPredicate<CheckpointRequest, GovernanceContext> c : checks) {
            if (!c.test(request, context)) { // an array: this loop runs for most rules of every evaluation
                return false;
            }
        }
        return true;
    }

    /**
     * The guard of a condition, or {@code null} when no conjunct has a recognised shape — or when a conjunct is not
     * typed {@code bool} by the checker (a {@code dyn} value such as {@code args.flag}): cel-java's {@code &&}
     * reports a non-boolean left operand as an error even when a later conjunct is false, so a false guard would
     * no longer prove the condition false.
     */
    static ToolGuard of(CelAbstractSyntaxTree ast) {
        List<BiPredicate<CheckpointRequest, GovernanceContext>> checks = new ArrayList<>();
        List<BiPredicate<CheckpointRequest, GovernanceContext>> toolChecks = new ArrayList<>();
        List<NameFilter> names = new ArrayList<>();
        Deque<CelExpr> conjuncts = new ArrayDeque<>();
        conjuncts.push(ast.getExpr());
        while (!conjuncts.isEmpty()) {
            CelExpr e = conjuncts.pop();
            if (e.getKind() == CelExpr.ExprKind.Kind.CALL && e.call().function().equals("_&&_")) {
                e.call().args().forEach(conjuncts::push);
                continue;
            }
            if (!ast.getType(e.id()).map(SimpleType.BOOL::equals).orElse(false)) {
                return null;
            }
            Set<String> toolNames = toolNames(e);
            if (toolNames != null) {
                names.add(new NameFilter(toolNames));
                continue;
            }
            BiPredicate<CheckpointRequest, GovernanceContext> c = cheap(e);
            if (c != null) {
                (readsOnlyTool(e) ? toolChecks : checks).add(c);
            }
        }
        return checks.isEmpty() && toolChecks.isEmpty() && names.isEmpty() ? null
                : new ToolGuard(checks, toolChecks, names);
    }

    /** Whether the only variable {@code e} reads is {@code tool}. */
    private static boolean readsOnlyTool(CelExpr e) {
        Set<String> idents = new HashSet<>();
        Deque<CelExpr> todo = new ArrayDeque<>();
        todo.push(e);
        while (!todo.isEmpty()) {
            CelExpr x = todo.pop();
            switch (x.getKind()) {
                case IDENT -> idents.add(x.ident().name());
                case SELECT -> todo.push(x.select().operand());
                case CALL -> {
                    x.call().target().ifPresent(todo::push);
                    x.call().args().forEach(todo::push);
                }
                case LIST -> x.list().elements().forEach(todo::push);
                case CONSTANT -> { }
                default -> {
                    return false;
                }
            }
        }
        return idents.equals(Set.of("tool"));
    }

    /** Exact tool names and {@code prefix*} entries of one tool-name conjunct. */
    private record NameFilter(Set<String> exact, String[] prefixes) {
        NameFilter(Set<String> entries) {
            this(Set.copyOf(entries.stream().filter(n -> !n.endsWith("*")).toList()), entries.stream()
                    .filter(n -> n.endsWith("*")).map(n -> n.substring(0, n.length() - 1)).toArray(String[]::new));
        }

        boolean admits(String name) {
            if (exact.contains(name)) {
                return true;
            }
            for (String p : prefixes) {
                if (name.startsWith(p)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static BiPredicate<CheckpointRequest, GovernanceContext> cheap(CelExpr e) {
        if (isSelect(e, "context", "labels", "untrusted")) {
            return (r, c) -> c.labels().isUntrusted();
        }
        if (isSelect(e, "context", "scoped")) {
            return (r, c) -> dev.warden.policy.EffectiveScopes.of(c.chain()).isPresent();
        }
        if (e.getKind() == CelExpr.ExprKind.Kind.CALL && e.call().function().equals("atLeast")
                && e.call().target().isPresent() && isSelect(e.call().target().get(), "context", "labels")
                && e.call().args().size() == 1) {
            dev.warden.core.Confidentiality level = level(ToolNameReferences.string(e.call().args().get(0)));
            return level == null ? null : (r, c) -> c.labels().level().atLeast(level); // bad literal: CEL reports it
        }
        if (e.getKind() == CelExpr.ExprKind.Kind.CALL && e.call().function().equals("!_")) {
            CelExpr inner = e.call().args().get(0);
            if (isSelect(inner, "tool", "declared")) {
                return (r, c) -> r.tool() == null || !r.tool().declared();
            }
            Set<String> excluded = toolNames(inner);
            if (excluded != null) { // !(tool.name in [...])
                NameFilter filter = new NameFilter(excluded);
                return (r, c) -> !filter.admits(r.tool() == null ? "" : r.tool().name());
            }
            // the negation of a membership test: !("r" in user.roles), !("E" in tool.effects) ...
            BiPredicate<CheckpointRequest, GovernanceContext> positive =
                    inner.getKind() == CelExpr.ExprKind.Kind.CALL && inner.call().function().equals("@in")
                            ? cheap(inner) : null;
            return positive == null ? null : positive.negate();
        }
        BiPredicate<CheckpointRequest, GovernanceContext> compared = comparison(e);
        if (compared != null) {
            return compared;
        }
        if (e.getKind() == CelExpr.ExprKind.Kind.CALL && e.call().function().equals("@in")) {
            String lit = ToolNameReferences.string(e.call().args().get(0));
            CelExpr list = e.call().args().get(1);
            if (lit != null && isSelect(list, "user", "attributes")) {
                return (r, c) -> c.user().attributes().containsKey(lit);
            }
            if (lit != null && isSelect(list, "context", "labels", "categories")) {
                return (r, c) -> c.labels().categories().contains(lit);
            }
            Set<String> risks = isSelect(e.call().args().get(0), "tool", "risk") ? literals(list) : null;
            if (risks != null) {
                return (r, c) -> risks.contains(r.tool() == null ? "" : r.tool().risk().name());
            }
            if (lit != null && isSelect(list, "tool", "effects")) {
                Effect effect = effect(lit);
                return effect == null ? (r, c) -> false
                        : (r, c) -> r.tool() != null && r.tool().effects().contains(effect);
            }
            if (lit != null && isSelect(list, "user", "roles")) {
                return (r, c) -> c.user().roles().contains(lit);
            }
        }
        return null;
    }

    /** {@code agent.id == "x"}, {@code task.purpose == "x"}, {@code context.depth > n} / {@code >= n}. */
    private static BiPredicate<CheckpointRequest, GovernanceContext> comparison(CelExpr e) {
        if (e.getKind() != CelExpr.ExprKind.Kind.CALL || e.call().args().size() != 2) {
            return null;
        }
        String fn = e.call().function();
        CelExpr left = e.call().args().get(0);
        CelExpr right = e.call().args().get(1);
        if (fn.equals("_==_")) {
            String lit = ToolNameReferences.string(right);
            if (lit != null && isSelect(left, "agent", "id")) {
                return (r, c) -> lit.equals(c.agent().id());
            }
            if (lit != null && isSelect(left, "task", "purpose")) {
                return (r, c) -> lit.equals(c.task().purpose() == null ? "" : c.task().purpose());
            }
        }
        if ((fn.equals("_>_") || fn.equals("_>=_")) && right.getKind() == CelExpr.ExprKind.Kind.CONSTANT
                && right.constant().getKind() == dev.cel.common.ast.CelConstant.Kind.INT64_VALUE) {
            long n = right.constant().int64Value();
            java.util.function.ToLongFunction<GovernanceContext> value = isSelect(left, "context", "depth")
                    ? c -> c.chain().size()
                    : isSelect(left, "context", "usage", "toolCalls") ? c -> c.usage().toolCalls()
                    : isSelect(left, "context", "usage", "steps") ? c -> c.usage().steps()
                    : isSelect(left, "context", "usage", "tokens")
                            ? c -> c.usage().inputTokens() + c.usage().outputTokens()
                    : null;
            if (value != null) {
                return fn.equals("_>_") ? (r, c) -> value.applyAsLong(c) > n : (r, c) -> value.applyAsLong(c) >= n;
            }
        }
        return null;
    }

    private static Set<String> literals(CelExpr list) {
        if (list.getKind() != CelExpr.ExprKind.Kind.LIST) {
            return null;
        }
        Set<String> out = new HashSet<>();
        for (CelExpr x : list.list().elements()) {
            String lit = ToolNameReferences.string(x);
            if (lit == null) {
                return null;
            }
            out.add(lit);
        }
        return out;
    }

    /**
     * Tool names a conjunct admits: exact names and {@code prefix*} entries; {@code null} if it is not purely a
     * tool-name test.
     */
    private static Set<String> toolNames(CelExpr e) {
        if (e.getKind() != CelExpr.ExprKind.Kind.CALL) {
            return null;
        }
        CelExpr.CelCall call = e.call();
        List<CelExpr> args = call.args();
        switch (call.function()) {
            case "_||_" -> {
                Set<String> a = toolNames(args.get(0));
                Set<String> b = a == null ? null : toolNames(args.get(1));
                if (b == null) {
                    return null;
                }
                Set<String> union = new HashSet<>(a);
                union.addAll(b);
                return union;
            }
            case "_==_" -> {
                String lit = ToolNameReferences.isToolName(args.get(0)) ? ToolNameReferences.string(args.get(1))
                        : ToolNameReferences.isToolName(args.get(1)) ? ToolNameReferences.string(args.get(0)) : null;
                return lit == null ? null : Set.of(lit);
            }
            case "@in" -> {
                if (!ToolNameReferences.isToolName(args.get(0)) || args.get(1).getKind() != CelExpr.ExprKind.Kind.LIST) {
                    return null;
                }
                Set<String> lits = new HashSet<>();
                for (CelExpr x : args.get(1).list().elements()) {
                    String lit = ToolNameReferences.string(x);
                    if (lit == null) {
                        return null;
                    }
                    lits.add(lit);
                }
                return lits;
            }
            case "startsWith" -> {
                String lit = args.isEmpty() ? null : ToolNameReferences.string(args.get(0));
                return lit != null && call.target().isPresent() && ToolNameReferences.isToolName(call.target().get())
                        ? Set.of(lit + "*") : null;
            }
            default -> {
                return null;
            }
        }
    }

    private static boolean isSelect(CelExpr e, String root, String... path) {
        CelExpr cur = e;
        for (int i = path.length - 1; i >= 0; i--) {
            if (cur.getKind() != CelExpr.ExprKind.Kind.SELECT || cur.select().testOnly()
                    || !cur.select().field().equals(path[i])) {
                return false;
            }
            cur = cur.select().operand();
        }
        return cur.getKind() == CelExpr.ExprKind.Kind.IDENT && cur.ident().name().equals(root);
    }

    private static dev.warden.core.Confidentiality level(String name) {
        if (name == null) {
            return null;
        }
        try {
            return dev.warden.core.Confidentiality.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Effect effect(String name) {
        try {
            return Effect.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

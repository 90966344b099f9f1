package dev.warden.policy.internal;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A pre-filter on the tool name, read from a rule's condition at load time: when the condition is a conjunction
 * with a conjunct {@code tool.name == "x"}, {@code tool.name in ["x", "y"]} or {@code tool.name.startsWith("p")}, a
 * request for another tool cannot match, so evaluation skips the rule without running CEL. Exact: CEL's {@code &&}
 * is false as soon as one conjunct is false, whatever the others yield, so skipping never changes a decision.
 * Most rules of a real policy name their tool, which makes this the cheapest index there is.
 */
public final class ToolGuard {
    private final Set<String> names;
    private final String prefix;

    private ToolGuard(Set<String> names, String prefix) {
        this.names = names;
        this.prefix = prefix;
    }

    /** Whether a request for {@code toolName} ({@code ""} when there is no tool) can satisfy the guard. */
    public boolean admits(String toolName) {
        return names != null ? names.contains(toolName) : toolName.startsWith(prefix);
    }

    /** The guard of a condition, or {@code null} when it has none. */
    static ToolGuard of(CelAbstractSyntaxTree ast) {
        Deque<CelExpr> conjuncts = new ArrayDeque<>();
        conjuncts.push(ast.getExpr());
        while (!conjuncts.isEmpty()) {
            CelExpr e = conjuncts.pop();
            if (e.getKind() != CelExpr.ExprKind.Kind.CALL) {
                continue;
            }
            CelExpr.CelCall call = e.call();
            List<CelExpr> args = call.args();
            switch (call.function()) {
                case "_&&_" -> args.forEach(conjuncts::push);
                case "_==_" -> {
                    String lit = ToolNameReferences.isToolName(args.get(0)) ? ToolNameReferences.string(args.get(1))
                            : ToolNameReferences.isToolName(args.get(1)) ? ToolNameReferences.string(args.get(0))
                            : null;
                    if (lit != null) {
                        return new ToolGuard(Set.of(lit), null);
                    }
                }
                case "@in" -> {
                    if (ToolNameReferences.isToolName(args.get(0))
                            && args.get(1).getKind() == CelExpr.ExprKind.Kind.LIST) {
                        Set<String> lits = new HashSet<>();
                        for (CelExpr x : args.get(1).list().elements()) {
                            String lit = ToolNameReferences.string(x);
                            if (lit == null) {
                                lits = null;
                                break;
                            }
                            lits.add(lit);
                        }
                        if (lits != null) {
                            return new ToolGuard(Set.copyOf(lits), null);
                        }
                    }
                }
                case "startsWith" -> {
                    String lit = args.isEmpty() ? null : ToolNameReferences.string(args.get(0));
                    if (lit != null && call.target().isPresent()
                            && ToolNameReferences.isToolName(call.target().get())) {
                        return new ToolGuard(null, lit);
                    }
                }
                default -> { }
            }
        }
        return null;
    }
}

package dev.warden.policy.internal;

import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.warden.policy.PolicyCodes;
import dev.warden.policy.PolicyProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds the tool names a condition mentions ({@code tool.name == "x"}, {@code "x" == tool.name},
 * {@code tool.name in ["x", "y"]}, {@code tool.name.startsWith("p")}) by walking the checked AST, so a boot-time
 * check can report rules that can never match because the tool does not exist.
 */
public final class ToolNameReferences {
    private ToolNameReferences() {}

    public static List<PolicyProblem> unknown(List<CompiledPolicySet> sets, Set<String> known) {
        List<PolicyProblem> out = new ArrayList<>();
        for (CompiledPolicySet s : sets) {
            for (CompiledRule r : s.rules()) {
                check(r, known, out);
            }
        }
        return out;
    }

    private static void check(CompiledRule r, Set<String> known, List<PolicyProblem> out) {
        CelNavigableAst.fromAst(r.ast()).getRoot().allNodes().forEach(node -> {
            CelExpr e = node.expr();
            if (e.getKind() != CelExpr.ExprKind.Kind.CALL) {
                return;
            }
            CelExpr.CelCall call = e.call();
            List<CelExpr> args = call.args();
            switch (call.function()) {
                case "_==_", "_!=_" -> {
                    if (isToolName(args.get(0))) {
                        name(r, args.get(1), known, out);
                    } else if (isToolName(args.get(1))) {
                        name(r, args.get(0), known, out);
                    }
                }
                case "@in" -> {
                    if (isToolName(args.get(0)) && args.get(1).getKind() == CelExpr.ExprKind.Kind.LIST) {
                        args.get(1).list().elements().forEach(x -> name(r, x, known, out));
                    }
                }
                case "startsWith" -> {
                    String prefix = string(args.get(0));
                    if (call.target().isPresent() && isToolName(call.target().get()) && prefix != null
                            && known.stream().noneMatch(k -> k.startsWith(prefix))) {
                        out.add(problem(r, "no known tool starts with '" + prefix + "'"));
                    }
                }
                default -> { }
            }
        });
    }

    private static void name(CompiledRule r, CelExpr e, Set<String> known, List<PolicyProblem> out) {
        String n = string(e);
        if (n != null && !known.contains(n)) {
            out.add(problem(r, "unknown tool '" + n + "'"));
        }
    }

    private static PolicyProblem problem(CompiledRule r, String message) {
        return new PolicyProblem(r.set().source(), r.rule().line(), r.id(), PolicyCodes.UNKNOWN_TOOL + " " + message);
    }

    static boolean isToolName(CelExpr e) {
        return e.getKind() == CelExpr.ExprKind.Kind.SELECT && e.select().field().equals("name")
                && e.select().operand().getKind() == CelExpr.ExprKind.Kind.IDENT
                && e.select().operand().ident().name().equals("tool");
    }

    static String string(CelExpr e) {
        return e.getKind() == CelExpr.ExprKind.Kind.CONSTANT
                && e.constant().getKind() == CelConstant.Kind.STRING_VALUE ? e.constant().stringValue() : null;
    }
}

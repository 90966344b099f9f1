package dev.warden.policy.internal;

import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.warden.policy.PolicyCodes;
import dev.warden.policy.PolicyProblem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a rule's {@code args.X} (and {@code has(args.X)}, {@code args["X"]}) against the parameters of the tools the
 * rule applies to: the tools named in the condition's top-level conjunction ({@code tool.name == "x" && ...},
 * {@code tool.name in ["x", "y"] && ...}) must each have parameter X (a rule that names no tool there is not checked:
 * it may apply to tools whose parameters are not known at boot, such as MCP servers'). A rule checking {@code args.first_name} of a tool whose parameter is
 * {@code firstName} never applies, so it is a load error, not a silent gap.
 */
public final class ArgumentReferences {
    private ArgumentReferences() {}

    public static List<PolicyProblem> unknown(List<CompiledPolicySet> sets, Map<String, Set<String>> parameters) {
        List<PolicyProblem> out = new ArrayList<>();
        for (CompiledPolicySet s : sets) {
            for (CompiledRule r : s.rules()) {
                check(r, parameters, out);
            }
        }
        return out;
    }

    private static void check(CompiledRule r, Map<String, Set<String>> parameters, List<PolicyProblem> out) {
        CelExpr root = r.ast().getExpr();
        Set<String> tools = new LinkedHashSet<>();
        conjunctionTools(root, tools);
        Set<String> referenced = new LinkedHashSet<>();
        CelNavigableAst.fromAst(r.ast()).getRoot().allNodes().forEach(node -> {
            String name = argumentName(node.expr());
            if (name != null) {
                referenced.add(name);
            }
        });
        for (String arg : referenced) {
            for (String tool : tools) {
                Set<String> params = parameters.get(tool);
                if (params != null && !params.contains(arg)) {
                    out.add(problem(r, "args." + arg + " is not a parameter of tool '" + tool + "' (parameters: "
                            + new TreeSet<>(params) + ")"));
                }
            }
        }
    }

    /** Tools named by {@code tool.name == "x"} or {@code tool.name in [...]} in the top-level {@code &&} chain. */
    private static void conjunctionTools(CelExpr e, Set<String> out) {
        if (e.getKind() != CelExpr.ExprKind.Kind.CALL) {
            return;
        }
        CelExpr.CelCall call = e.call();
        List<CelExpr> args = call.args();
        switch (call.function()) {
            case "_&&_" -> args.forEach(a -> conjunctionTools(a, out));
            case "_==_" -> {
                if (ToolNameReferences.isToolName(args.get(0)) && ToolNameReferences.string(args.get(1)) != null) {
                    out.add(ToolNameReferences.string(args.get(1)));
                } else if (ToolNameReferences.isToolName(args.get(1))
                        && ToolNameReferences.string(args.get(0)) != null) {
                    out.add(ToolNameReferences.string(args.get(0)));
                }
            }
            case "@in" -> {
                if (ToolNameReferences.isToolName(args.get(0)) && args.get(1).getKind() == CelExpr.ExprKind.Kind.LIST) {
                    args.get(1).list().elements().forEach(x -> {
                        String n = ToolNameReferences.string(x);
                        if (n != null) {
                            out.add(n);
                        }
                    });
                }
            }
            default -> { }
        }
    }

    /** {@code X} of {@code args.X} (also inside {@code has()}) or {@code args["X"]}, else null. */
    private static String argumentName(CelExpr e) {
        if (e.getKind() == CelExpr.ExprKind.Kind.SELECT && isArgs(e.select().operand())) {
            return e.select().field();
        }
        if (e.getKind() == CelExpr.ExprKind.Kind.CALL && e.call().function().equals("_[_]")
                && e.call().args().size() == 2 && isArgs(e.call().args().get(0))) {
            return ToolNameReferences.string(e.call().args().get(1));
        }
        return null;
    }

    private static boolean isArgs(CelExpr e) {
        return e.getKind() == CelExpr.ExprKind.Kind.IDENT && e.ident().name().equals("args");
    }

    private static PolicyProblem problem(CompiledRule r, String message) {
        return new PolicyProblem(r.set().source(), r.rule().line(), r.id(),
                PolicyCodes.UNKNOWN_ARGUMENT + " " + message);
    }
}

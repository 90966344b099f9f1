package dev.warden.policy.internal;

import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
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
 *
 * <p>With parameter types (JSON Schema: string, number, integer, boolean, array, object), each use of {@code args.X}
 * whose type the rule fixes is also checked: compared with a number or used in arithmetic (number), compared with or
 * matched against text, or passed to a text function (string), compared with {@code true}/{@code false} (boolean),
 * searched with {@code in} (array or object). A rule comparing a text parameter with {@code 500.0} never matches (or
 * fails every call); it is a load error too. Parameters of unknown type are not checked.
 */
public final class ArgumentReferences {
    private ArgumentReferences() {}

    private static final Set<String> ORDERING = Set.of("_<_", "_<=_", "_>_", "_>=_");
    private static final Set<String> EQUALITY = Set.of("_==_", "_!=_");
    private static final Set<String> ARITHMETIC = Set.of("_+_", "_-_", "_*_", "_/_", "_%_", "-_");
    private static final Set<String> TEXT_MEMBERS = Set.of("contains", "startsWith", "endsWith", "matches",
            "lowerAscii", "upperAscii", "trim", "split", "replace", "substring", "indexOf", "lastIndexOf", "charAt");
    private static final Set<String> TEXT_FUNCTIONS = Set.of("text.fold", "text.skeleton", "text.mentions",
            "sql.kind", "url.host", "email.domain", "matches");

    public static List<PolicyProblem> unknown(List<CompiledPolicySet> sets, Map<String, Set<String>> parameters) {
        Map<String, Map<String, String>> untyped = new java.util.HashMap<>();
        parameters.forEach((tool, names) -> {
            Map<String, String> m = new java.util.HashMap<>();
            names.forEach(n -> m.put(n, ""));
            untyped.put(tool, m);
        });
        return problems(sets, untyped);
    }

    /**
     * Unknown and mistyped argument references.
     *
     * @param parameterTypes tool name → parameter name → JSON Schema type ({@code ""} when unknown)
     */
    public static List<PolicyProblem> problems(List<CompiledPolicySet> sets,
            Map<String, Map<String, String>> parameterTypes) {
        List<PolicyProblem> out = new ArrayList<>();
        for (CompiledPolicySet s : sets) {
            for (CompiledRule r : s.rules()) {
                check(r, parameterTypes, out);
            }
        }
        return out;
    }

    private static void check(CompiledRule r, Map<String, Map<String, String>> types, List<PolicyProblem> out) {
        CelExpr root = r.ast().getExpr();
        Set<String> tools = new LinkedHashSet<>();
        conjunctionTools(root, tools);
        Set<String> referenced = new LinkedHashSet<>();
        Map<String, String> usedAs = new java.util.LinkedHashMap<>();
        CelNavigableAst.fromAst(r.ast()).getRoot().allNodes().forEach(node -> {
            String name = argumentName(node.expr());
            if (name != null) {
                referenced.add(name);
                String used = usedAs(node);
                if (used != null) {
                    usedAs.putIfAbsent(name, used);
                }
            }
        });
        for (String arg : referenced) {
            for (String tool : tools) {
                Map<String, String> params = types.get(tool);
                if (params == null) {
                    continue;
                }
                if (!params.containsKey(arg)) {
                    out.add(problem(r, PolicyCodes.UNKNOWN_ARGUMENT, "args." + arg + " is not a parameter of tool '"
                            + tool + "' (parameters: " + new TreeSet<>(params.keySet()) + ")"));
                } else if (usedAs.containsKey(arg) && !compatible(usedAs.get(arg), params.get(arg))) {
                    out.add(problem(r, PolicyCodes.ARGUMENT_TYPE, "args." + arg + " is used as " + usedAs.get(arg)
                            + " but parameter '" + arg + "' of tool '" + tool + "' is " + params.get(arg)));
                }
            }
        }
    }

    /** The type a use of {@code args.X} fixes: "a number", "text", "a boolean", "a list or map"; null if none. */
    private static String usedAs(CelNavigableExpr node) {
        CelNavigableExpr parent = node.parent().orElse(null);
        if (parent == null || parent.expr().getKind() != CelExpr.ExprKind.Kind.CALL) {
            return null;
        }
        CelExpr.CelCall call = parent.expr().call();
        String f = call.function();
        if (call.target().isPresent() && call.target().get().id() == node.expr().id()) {
            return TEXT_MEMBERS.contains(f) ? "text" : null;
        }
        if (TEXT_FUNCTIONS.contains(f)) {
            return "text";
        }
        List<CelExpr> args = call.args();
        if (f.equals("@in")) {
            if (args.get(1).id() == node.expr().id()) {
                return "a list or map";
            }
            if (args.get(1).getKind() == CelExpr.ExprKind.Kind.LIST) {
                String common = null;
                for (CelExpr el : args.get(1).list().elements()) {
                    String t = constantType(el);
                    if (t == null || (common != null && !common.equals(t))) {
                        return null;
                    }
                    common = t;
                }
                return common;
            }
            return null;
        }
        if (args.size() != 2 || !(ORDERING.contains(f) || EQUALITY.contains(f) || ARITHMETIC.contains(f))) {
            return null;
        }
        CelExpr other = args.get(0).id() == node.expr().id() ? args.get(1) : args.get(0);
        String t = constantType(other);
        if (t == null || (ARITHMETIC.contains(f) && !t.equals("a number"))) {
            return null;
        }
        return t;
    }

    private static String constantType(CelExpr e) {
        if (e.getKind() != CelExpr.ExprKind.Kind.CONSTANT) {
            return null;
        }
        CelConstant c = e.constant();
        return switch (c.getKind()) {
            case INT64_VALUE, UINT64_VALUE, DOUBLE_VALUE -> "a number";
            case STRING_VALUE -> "text";
            case BOOLEAN_VALUE -> "a boolean";
            default -> null;
        };
    }

    /** Whether a use fixed as {@code used} fits a parameter of JSON Schema type {@code declared}. */
    static boolean compatible(String used, String declared) {
        if (declared == null || declared.isEmpty()) {
            return true;
        }
        return switch (used) {
            case "a number" -> declared.equals("number") || declared.equals("integer");
            case "text" -> declared.equals("string");
            case "a boolean" -> declared.equals("boolean");
            case "a list or map" -> declared.equals("array") || declared.equals("object");
            default -> true;
        };
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

    private static PolicyProblem problem(CompiledRule r, String code, String message) {
        return new PolicyProblem(r.set().source(), r.rule().line(), r.id(), code + " " + message);
    }
}

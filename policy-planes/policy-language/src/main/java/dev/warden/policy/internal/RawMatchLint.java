package dev.warden.policy.internal;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Load-time lint: a raw {@code contains}, {@code startsWith} or {@code endsWith} over a string the user, the model
 * or outside content controls ({@code args}, {@code content}, {@code attributes}, {@code target}, {@code task}) is
 * evaded by case or look-alike characters ({@code PASSWORD}, a Cyrillic {@code pаssword}); the rule should compare
 * normalised text ({@code text.mentions(args.task, "password")} or {@code text.fold(...)}). A warning, not an error:
 * some raw matches are deliberate (an IBAN prefix, a tool-name prefix).
 */
final class RawMatchLint {
    private static final Set<String> MATCHERS = Set.of("contains", "startsWith", "endsWith");
    private static final Set<String> CONTROLLED = Set.of("args", "content", "attributes", "target", "task");
    private static final Set<String> NORMALISERS = Set.of("text.fold", "text.skeleton");

    private RawMatchLint() {}

    /** One message per raw match in {@code ast}; empty when there is none. */
    static List<String> check(CelAbstractSyntaxTree ast) {
        List<String> out = new ArrayList<>();
        if (ast != null) {
            walk(ast.getExpr(), out);
        }
        return out;
    }

    private static void walk(CelExpr e, List<String> out) {
        switch (e.getKind()) {
            case SELECT -> walk(e.select().operand(), out);
            case LIST -> e.list().elements().forEach(x -> walk(x, out));
            case COMPREHENSION -> {
                walk(e.comprehension().iterRange(), out);
                walk(e.comprehension().loopStep(), out);
                walk(e.comprehension().result(), out);
            }
            case CALL -> {
                var call = e.call();
                if (MATCHERS.contains(call.function()) && call.target().isPresent()
                        && controlled(call.target().get())) {
                    out.add("raw " + call.function() + " over " + describe(call.target().get())
                            + " is evaded by case and look-alike characters; compare normalised text "
                            + "(text.mentions / text.fold) unless an exact match is meant");
                }
                call.target().ifPresent(t -> walk(t, out));
                call.args().forEach(a -> walk(a, out));
            }
            default -> { }
        }
    }

    /** Whether the expression reads a controlled variable without passing it through a normaliser first. */
    private static boolean controlled(CelExpr e) {
        return switch (e.getKind()) {
            case IDENT -> CONTROLLED.contains(e.ident().name());
            case SELECT -> controlled(e.select().operand());
            case CALL -> !NORMALISERS.contains(e.call().function())
                    && (e.call().target().map(RawMatchLint::controlled).orElse(false)
                    || e.call().args().stream().anyMatch(RawMatchLint::controlled));
            default -> false;
        };
    }

    private static String describe(CelExpr e) {
        return switch (e.getKind()) {
            case IDENT -> e.ident().name();
            case SELECT -> describe(e.select().operand()) + "." + e.select().field();
            case CALL -> e.call().function() + "(…)";
            default -> "an expression";
        };
    }
}

package dev.warden.policy.internal;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import java.util.Map;

/**
 * Attributes with a type of their own inside the open {@code attributes} map ({@code map(string, dyn)}): the repeat
 * counts {@code attributes.repeats} and {@code attributes.similarCalls} are ints (decision 0066). CEL cannot give one
 * key of a map its own type, and a qualified variable would break {@code has(attributes.repeats)}, so an expression
 * that reads them is checked a second time in a <em>typed view</em>: each read (not a {@code has()} test) becomes the
 * variable {@code attributes_repeats} / {@code attributes_similarCalls}, declared {@code int}, by turning its dot into
 * an underscore, so every column of an error stays where it was. {@code attributes.repeats > "0"} is then a load error
 * with file, line and rule; the program that runs is the ordinary one (the map), unchanged.
 */
final class TypedAttributes {
    private static final String MAP = "attributes";
    private static final Map<String, CelType> TYPES = Map.of("repeats", SimpleType.INT, "similarCalls",
            SimpleType.INT);
    /** The view's variables, to declare next to the usual ones. */
    static final Map<String, CelType> VARIABLES = Map.of("attributes_repeats", SimpleType.INT,
            "attributes_similarCalls", SimpleType.INT);

    private TypedAttributes() {}

    /** Whether the text may read a typed attribute at all (most expressions do not: no second check). */
    static boolean mentioned(String expression) {
        return expression.contains("repeats") || expression.contains("similarCalls");
    }

    /**
     * The typed view of {@code expression} ({@code parsed} is its parsed AST), or {@code null} when it reads no typed
     * attribute as {@code attributes.<name>} written without spaces (one read another way stays {@code dyn}).
     */
    static String view(CelAbstractSyntaxTree parsed, String expression) {
        char[] text = expression.toCharArray();
        Map<Long, Integer> positions = parsed.getSource().getPositionsMap();
        boolean[] changed = {false};
        CelNavigableAst.fromAst(parsed).getRoot().allNodes().forEach(node -> {
            if (node.getKind() != CelExpr.ExprKind.Kind.SELECT) {
                return;
            }
            CelExpr.CelSelect select = node.expr().select();
            CelExpr operand = select.operand();
            if (select.testOnly() || !TYPES.containsKey(select.field())
                    || operand.getKind() != CelExpr.ExprKind.Kind.IDENT || !MAP.equals(operand.ident().name())) {
                return;
            }
            Integer codePoint = positions.get(operand.id());
            if (codePoint == null || codePoint < 0 || codePoint > expression.codePointCount(0, expression.length())) {
                return;
            }
            int start = expression.offsetByCodePoints(0, codePoint);
            if (expression.startsWith(MAP + "." + select.field(), start)) {
                text[start + MAP.length()] = '_';
                changed[0] = true;
            }
        });
        return changed[0] ? new String(text) : null;
    }
}

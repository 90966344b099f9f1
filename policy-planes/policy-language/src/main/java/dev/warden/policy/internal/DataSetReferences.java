package dev.warden.policy.internal;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import java.util.ArrayList;
import java.util.List;

/**
 * Load-time check of {@code dataset.contains}: the set's name must be a string literal naming a set the engine knows,
 * so a misspelt name fails the load with file, line and rule id instead of failing every evaluation (or, with a
 * negated condition, silently matching everything).
 */
final class DataSetReferences {
    private DataSetReferences() {}

    /** Problems with the data-set references in {@code ast}; empty when there are none. */
    static List<String> problems(CelAbstractSyntaxTree ast, DataSets known) {
        List<String> out = new ArrayList<>();
        CelNavigableAst.fromAst(ast).getRoot().allNodes().forEach(node -> {
            CelExpr e = node.expr();
            if (e.getKind() != CelExpr.ExprKind.Kind.CALL
                    || !e.call().function().equals(WardenFunctions.DATASET_CONTAINS)) {
                return;
            }
            String name = e.call().args().isEmpty() ? null : ToolNameReferences.string(e.call().args().get(0));
            if (name == null) {
                out.add(WardenFunctions.DATASET_CONTAINS + " needs the data set's name as a string literal");
            } else if (!known.knows(name)) {
                out.add("no data set named '" + name + "' (known data sets: " + known.names()
                        + "; configure warden.policy.data-sets." + name + ".values or .file, or provide a "
                        + "PolicyDataSet named '" + name + "')");
            }
        });
        return out;
    }
}

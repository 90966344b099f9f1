package dev.warden.policy.internal;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.runtime.CelRuntime;
import dev.warden.core.Basis;
import dev.warden.policy.PolicyRule;
import dev.warden.policy.PolicySet;
import java.util.List;
import java.util.Map;

/**
 * A rule with its condition compiled, its transform expressions compiled and its {@link Basis} prebuilt so that a
 * matching rule allocates nothing to say which rule it was.
 *
 * @param order position in the engine's evaluation order (priority descending, then set and document order)
 * @param guard cheap conjuncts checked before anything else, or {@code null}
 * @param fast the condition translated to Java ({@link NativeCondition}), or {@code null}; CEL decides whenever it
 *     cannot
 * @param analysesSql whether the condition calls {@code sql.kind}: its evaluation is watched for SQL beyond the
 *     analysis bound ({@link SqlKind#boundHit()})
 */
public record CompiledRule(PolicyRule rule, PolicySet set, CelRuntime.Program condition,
        CelAbstractSyntaxTree ast, Map<String, CelRuntime.Program> transforms, Basis basis, boolean monitor,
        int order, ToolGuard guard, NativeCondition fast, boolean analysesSql) {

    static CompiledRule of(PolicyRule rule, PolicySet set, CelRuntime.Program condition, CelAbstractSyntaxTree ast,
            Map<String, CelRuntime.Program> transforms, java.time.Clock clock) {
        boolean monitor = rule.mode() == Basis.Mode.MONITOR;
        Basis basis = new Basis(rule.plane(), set.name(), set.version(), List.of(rule.id()), rule.mode());
        return new CompiledRule(rule, set, condition, ast, transforms, basis, monitor, 0, ToolGuard.of(ast),
                NativeCondition.of(ast, clock), rule.when() != null && rule.when().contains("sql.kind"));
    }

    CompiledRule withOrder(int value) {
        return new CompiledRule(rule, set, condition, ast, transforms, basis, monitor, value, guard, fast,
                analysesSql);
    }

    public String id() {
        return rule.id();
    }
}

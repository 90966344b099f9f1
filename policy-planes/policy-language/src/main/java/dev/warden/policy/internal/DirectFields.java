package dev.warden.policy.internal;

import dev.cel.common.ast.CelExpr;
import dev.warden.core.GovernanceContext;
import dev.warden.core.ToolDescriptor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Scalar fields that {@link NativeCondition} reads straight from the core records instead of from the maps
 * {@link RequestActivation} builds for CEL: {@code tool.name}, {@code agent.version}, {@code context.usage.tokens} …
 * Each accessor yields exactly the value {@link ValueMapper} puts in the map (same defaults for a missing tool or
 * task, {@code long} for counters); {@code DirectFieldsTest} compares the two for every path.
 */
final class DirectFields {
    private DirectFields() {}

    /** The paths read directly, each as {@code root.field[.field]}. */
    static final Set<String> PATHS = Set.of("tool.name", "tool.risk", "tool.declared", "user.id", "user.tenant",
            "agent.id", "agent.version", "agent.owner", "task.runId", "task.conversationId", "task.purpose",
            "context.depth", "context.usage.steps", "context.usage.toolCalls", "context.usage.inputTokens",
            "context.usage.outputTokens", "context.usage.tokens", "context.labels.level",
            "context.labels.integrity", "context.labels.untrusted");

    /**
     * A node reading {@code sel} directly, or {@code null} if it is not one of {@link #PATHS} or its root is a
     * comprehension variable in {@code locals} (which shadows the request variable of that name).
     */
    static NativeCondition.Node of(CelExpr.CelSelect sel, Set<String> locals) {
        String path = path(sel);
        if (path == null || !PATHS.contains(path) || locals.contains(path.substring(0, path.indexOf('.')))) {
            return null;
        }
        Function<RequestActivation, Object> read = reader(path);
        return (s, a) -> {
            Object v = read.apply(a);
            return v == null ? NativeCondition.UNDECIDED : v;
        };
    }

    /** {@code tool.name} for a select chain over an identifier; {@code null} for anything else. */
    static String path(CelExpr.CelSelect sel) {
        List<String> parts = new ArrayList<>();
        CelExpr cur = null;
        CelExpr.CelSelect s = sel;
        while (true) {
            if (s.testOnly()) {
                return null;
            }
            parts.add(s.field());
            cur = s.operand();
            if (cur.getKind() != CelExpr.ExprKind.Kind.SELECT) {
                break;
            }
            s = cur.select();
        }
        if (cur.getKind() != CelExpr.ExprKind.Kind.IDENT) {
            return null;
        }
        parts.add(cur.ident().name());
        Collections.reverse(parts);
        return String.join(".", parts);
    }

    /** Reads one of {@link #PATHS}; mirrors {@link RequestActivation} and {@link ValueMapper}. */
    static Function<RequestActivation, Object> reader(String path) {
        return switch (path) {
            case "tool.name" -> a -> tool(a) == null ? "" : tool(a).name();
            case "tool.risk" -> a -> tool(a) == null ? "" : tool(a).risk().name();
            case "tool.declared" -> a -> tool(a) != null && tool(a).declared();
            case "user.id" -> a -> a.context().user().id();
            case "user.tenant" -> a -> a.context().user().tenant();
            case "agent.id" -> a -> a.context().agent().id();
            case "agent.version" -> a -> a.context().agent().version();
            case "agent.owner" -> a -> a.context().agent().owner();
            case "task.runId" -> a -> ValueMapper.str(a.context().task().runId());
            case "task.conversationId" -> a -> ValueMapper.str(a.context().task().conversationId());
            case "task.purpose" -> a -> ValueMapper.str(a.context().task().purpose());
            case "context.depth" -> a -> (long) a.context().chain().size();
            case "context.usage.steps" -> a -> (long) ctx(a).usage().steps();
            case "context.usage.toolCalls" -> a -> (long) ctx(a).usage().toolCalls();
            case "context.usage.inputTokens" -> a -> ctx(a).usage().inputTokens();
            case "context.usage.outputTokens" -> a -> ctx(a).usage().outputTokens();
            case "context.usage.tokens" -> a -> ctx(a).usage().inputTokens() + ctx(a).usage().outputTokens();
            case "context.labels.level" -> a -> ctx(a).labels().level().name();
            case "context.labels.integrity" -> a -> ctx(a).labels().integrity().name();
            case "context.labels.untrusted" -> a -> ctx(a).labels().isUntrusted();
            default -> throw new IllegalArgumentException("not a direct path: " + path);
        };
    }

    private static ToolDescriptor tool(RequestActivation a) {
        return a.request().tool();
    }

    private static GovernanceContext ctx(RequestActivation a) {
        return a.context();
    }
}

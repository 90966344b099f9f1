package dev.warden.policy.internal;

import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Hop;
import dev.warden.core.Labels;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.Usage;
import dev.warden.policy.EffectiveScopes;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps core records to the plain {@link Map}/{@link List} values CEL evaluates over. Null strings become {@code ""}
 * so that a condition never meets a null; numbers become {@code long}/{@code double} as CEL expects.
 */
public final class ValueMapper {
    private ValueMapper() {}

    static final Map<String, Object> NO_TOOL = tool(null);

    static Map<String, Object> labels(Labels l) {
        return Map.of("level", l.level().name(), "categories", List.copyOf(l.categories()),
                "integrity", l.integrity().name(), "untrusted", l.isUntrusted());
    }

    static Map<String, Object> tool(ToolDescriptor t) {
        if (t == null) {
            return Map.of("name", "", "effects", List.of(), "risk", "", "declared", false,
                    "sink", labels(Labels.UNRESTRICTED), "source", labels(Labels.PUBLIC));
        }
        List<String> effects = new ArrayList<>(t.effects().size());
        for (Effect e : t.effects()) {
            effects.add(e.name());
        }
        return Map.of("name", t.name(), "effects", effects, "risk", t.risk().name(), "declared", t.declared(),
                "sink", labels(t.sinkClearance()), "source", labels(t.sourceLabels()));
    }

    static List<Object> chain(List<Hop> hops) {
        List<Object> out = new ArrayList<>(hops.size());
        for (Hop h : hops) {
            out.add(Map.of("agent", h.agentId(), "scopes", List.copyOf(h.scopes())));
        }
        return out;
    }

    static Map<String, Object> context(GovernanceContext ctx, List<Object> chain) {
        Usage u = ctx.usage();
        Map<String, Object> usage = Map.of("steps", (long) u.steps(), "toolCalls", (long) u.toolCalls(),
                "inputTokens", u.inputTokens(), "outputTokens", u.outputTokens(),
                "tokens", u.inputTokens() + u.outputTokens());
        Optional<Set<String>> scopes = EffectiveScopes.of(ctx.chain());
        return Map.of("labels", labels(ctx.labels()), "usage", usage, "chain", chain,
                "depth", (long) ctx.chain().size(), "scoped", scopes.isPresent(),
                "scopes", scopes.map(List::copyOf).orElse(List.of()));
    }

    /** Normalises a JSON-like value (tool arguments) to CEL's value space; unknown objects become strings. */
    static Object json(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : (Object) b.doubleValue();
        }
        if (v instanceof BigDecimal || v instanceof Float) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof Map<?, ?> m) {
            return jsonMap(m);
        }
        if (v instanceof Iterable<?> it) {
            List<Object> out = new ArrayList<>();
            it.forEach(x -> out.add(json(x)));
            return out;
        }
        return v.toString();
    }

    /** Whether every element is already a CEL scalar ({@link #json} would copy the list unchanged). */
    static boolean isNormalised(List<?> list) {
        for (Object x : list) {
            if (!(x instanceof String || x instanceof Boolean || x instanceof Long || x instanceof Double)) {
                return false;
            }
        }
        return true;
    }

    static Map<String, Object> jsonMap(Map<?, ?> m) {
        Map<String, Object> out = new HashMap<>(Math.max(4, m.size() * 2));
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Object value = json(e.getValue());
            if (value != null) {
                out.put(String.valueOf(e.getKey()), value);
            }
        }
        return out;
    }

    static String str(String s) {
        return s == null ? "" : s;
    }
}

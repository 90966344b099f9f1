package dev.warden.policy.internal;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The CEL types of the policy variables. Declared as struct types so the checker rejects unknown fields
 * ({@code user.rolez}) and mistyped comparisons at load; at run time the values are plain {@link Map}s built by
 * {@link ValueMapper}, which the CEL interpreter selects fields from.
 */
public final class WardenTypes {
    private WardenTypes() {}

    static final CelType STRING_LIST = ListType.create(SimpleType.STRING);
    static final CelType STRING_MAP = MapType.create(SimpleType.STRING, SimpleType.STRING);
    static final CelType DYN_MAP = MapType.create(SimpleType.STRING, SimpleType.DYN);

    public static final StructType LABELS = struct("warden.Labels", fields(
            "level", SimpleType.STRING, "categories", STRING_LIST, "integrity", SimpleType.STRING,
            "untrusted", SimpleType.BOOL));
    public static final StructType USER = struct("warden.User", fields(
            "id", SimpleType.STRING, "tenant", SimpleType.STRING, "roles", STRING_LIST, "attributes", STRING_MAP));
    public static final StructType AGENT = struct("warden.Agent", fields(
            "id", SimpleType.STRING, "version", SimpleType.STRING, "owner", SimpleType.STRING));
    public static final StructType TASK = struct("warden.Task", fields(
            "runId", SimpleType.STRING, "conversationId", SimpleType.STRING, "purpose", SimpleType.STRING));
    public static final StructType TOOL = struct("warden.Tool", fields(
            "name", SimpleType.STRING, "effects", STRING_LIST, "risk", SimpleType.STRING,
            "declared", SimpleType.BOOL, "sink", LABELS, "source", LABELS));
    public static final StructType HOP = struct("warden.Hop", fields(
            "agent", SimpleType.STRING, "scopes", STRING_LIST));
    public static final StructType USAGE = struct("warden.Usage", fields(
            "steps", SimpleType.INT, "toolCalls", SimpleType.INT, "inputTokens", SimpleType.INT,
            "outputTokens", SimpleType.INT, "tokens", SimpleType.INT));
    public static final StructType CONTEXT = struct("warden.Context", fields(
            "labels", LABELS, "usage", USAGE, "chain", ListType.create(HOP), "depth", SimpleType.INT,
            "scoped", SimpleType.BOOL, "scopes", STRING_LIST));
    public static final StructType CONTENT = struct("warden.Content", fields(
            "text", SimpleType.STRING, "labels", LABELS));

    /** Variable name → type, in the order the guide documents them. */
    public static final Map<String, CelType> VARIABLES = variables();

    /** Resolves the struct names for the checker. */
    public static final CelTypeProvider PROVIDER = new CelTypeProvider() {
        private final ImmutableMap<String, CelType> byName = ImmutableMap.<String, CelType>builder()
                .put(LABELS.name(), LABELS).put(USER.name(), USER).put(AGENT.name(), AGENT)
                .put(TASK.name(), TASK).put(TOOL.name(), TOOL).put(HOP.name(), HOP).put(USAGE.name(), USAGE)
                .put(CONTEXT.name(), CONTEXT).put(CONTENT.name(), CONTENT).buildOrThrow();

        @Override
        public ImmutableCollection<CelType> types() {
            return byName.values();
        }

        @Override
        public Optional<CelType> findType(String typeName) {
            return Optional.ofNullable(byName.get(typeName));
        }
    };

    private static Map<String, CelType> variables() {
        Map<String, CelType> v = new LinkedHashMap<>();
        v.put("user", USER);
        v.put("agent", AGENT);
        v.put("task", TASK);
        v.put("tool", TOOL);
        v.put("args", DYN_MAP);
        v.put("context", CONTEXT);
        v.put("content", CONTENT);
        v.put("chain", ListType.create(HOP));
        v.put("target", SimpleType.STRING);
        v.put("checkpoint", SimpleType.STRING);
        v.put("attributes", DYN_MAP);
        return java.util.Collections.unmodifiableMap(v);
    }

    private static ImmutableMap<String, CelType> fields(Object... pairs) {
        ImmutableMap.Builder<String, CelType> b = ImmutableMap.builder();
        for (int i = 0; i < pairs.length; i += 2) {
            b.put((String) pairs[i], (CelType) pairs[i + 1]);
        }
        return b.buildOrThrow();
    }

    private static StructType struct(String name, ImmutableMap<String, CelType> fields) {
        return StructType.create(name, ImmutableSet.copyOf(fields.keySet()),
                f -> Optional.ofNullable(fields.get(f)));
    }

    static ImmutableList<String> names() {
        return ImmutableList.copyOf(VARIABLES.keySet());
    }
}

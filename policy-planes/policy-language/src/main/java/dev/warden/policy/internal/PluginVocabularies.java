package dev.warden.policy.internal;

import static dev.cel.common.CelFunctionDecl.newFunctionDeclaration;
import static dev.cel.common.CelOverloadDecl.newGlobalOverload;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import dev.warden.spi.RuleVocabulary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns plugin {@link RuleVocabulary vocabularies} into CEL declarations (for the checker of the plugin plane's rules)
 * and runtime bindings, after checking that no plugin name shadows a Warden variable or function. Stateless.
 */
final class PluginVocabularies {
    /** Warden's own function names (and their first segments), which a plugin may not reuse. */
    private static final Set<String> RESERVED_FUNCTIONS = Set.of("sql", "url", "email", "text", "now", "time",
            "atLeast", "chainPermits", "size", "matches", "contains", "startsWith", "endsWith", "has", "all",
            "exists", "exists_one", "map", "filter", "int", "uint", "double", "string", "bytes", "bool", "type",
            "timestamp", "duration", "dyn", "list");

    private PluginVocabularies() {}

    /** Throws {@link IllegalArgumentException} naming the clash when a vocabulary reuses a reserved name. */
    static void check(Collection<RuleVocabulary> vocabularies) {
        for (RuleVocabulary v : vocabularies) {
            Set<String> own = new HashSet<>(v.variables().keySet());
            for (String name : v.variables().keySet()) {
                if (WardenTypes.VARIABLES.containsKey(name) || RESERVED_FUNCTIONS.contains(name)) {
                    throw new IllegalArgumentException("plane '" + v.plane() + "' declares variable '" + name
                            + "', which is a Warden name (reserved: " + WardenTypes.VARIABLES.keySet() + ")");
                }
            }
            for (String name : v.functions().keySet()) {
                String head = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
                if (RESERVED_FUNCTIONS.contains(head) || WardenTypes.VARIABLES.containsKey(head)) {
                    throw new IllegalArgumentException("plane '" + v.plane() + "' declares function '" + name
                            + "', which reuses the Warden name '" + head + "'");
                }
                if (own.contains(head)) {
                    throw new IllegalArgumentException("plane '" + v.plane() + "' declares function '" + name
                            + "' and variable '" + head + "': a call would read as a member of the variable");
                }
            }
        }
    }

    static Map<String, CelType> variables(RuleVocabulary v) {
        Map<String, CelType> out = new java.util.LinkedHashMap<>();
        v.variables().values().forEach(x -> out.put(x.name(), type(x.type())));
        return out;
    }

    static List<CelFunctionDecl> declarations(RuleVocabulary v) {
        List<CelFunctionDecl> out = new ArrayList<>();
        for (RuleVocabulary.Function f : v.functions().values()) {
            out.add(newFunctionDeclaration(f.name(), newGlobalOverload(overloadId(v, f), type(f.result()),
                    f.parameters().stream().map(PluginVocabularies::type).toList())));
        }
        return out;
    }

    static List<CelFunctionBinding> bindings(Collection<RuleVocabulary> vocabularies) {
        List<CelFunctionBinding> out = new ArrayList<>();
        for (RuleVocabulary v : vocabularies) {
            for (RuleVocabulary.Function f : v.functions().values()) {
                List<Class<?>> classes = f.parameters().stream().<Class<?>>map(PluginVocabularies::javaClass).toList();
                out.add(CelFunctionBinding.from(overloadId(v, f), classes,
                        args -> value(f.result(), f.body().apply(Arrays.asList(args)))));
            }
        }
        return out;
    }

    /** A plugin's value as CEL expects it for {@code type} ({@code Integer} → {@code Long}, maps and lists deep). */
    static Object value(RuleVocabulary.Type type, Object v) {
        if (v == null) {
            throw new IllegalStateException("a plugin variable or function yielded null");
        }
        return v instanceof Instant || v instanceof Duration ? v : ValueMapper.json(v);
    }

    private static String overloadId(RuleVocabulary v, RuleVocabulary.Function f) {
        return "plugin_" + v.plane().replaceAll("[^A-Za-z0-9]", "_") + "_" + f.name().replace('.', '_');
    }

    static CelType type(RuleVocabulary.Type t) {
        return switch (t) {
            case BOOL -> SimpleType.BOOL;
            case INT -> SimpleType.INT;
            case DOUBLE -> SimpleType.DOUBLE;
            case STRING -> SimpleType.STRING;
            case STRING_LIST -> WardenTypes.STRING_LIST;
            case LIST -> ListType.create(SimpleType.DYN);
            case MAP -> WardenTypes.DYN_MAP;
            case TIMESTAMP -> SimpleType.TIMESTAMP;
            case DURATION -> SimpleType.DURATION;
            case DYN -> SimpleType.DYN;
        };
    }

    private static Class<?> javaClass(RuleVocabulary.Type t) {
        return switch (t) {
            case BOOL -> Boolean.class;
            case INT -> Long.class;
            case DOUBLE -> Double.class;
            case STRING -> String.class;
            case STRING_LIST, LIST -> List.class;
            case MAP -> Map.class;
            case TIMESTAMP, DURATION, DYN -> Object.class;
        };
    }
}

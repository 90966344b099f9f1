package dev.warden.quarkus.runtime;

import dev.langchain4j.agent.tool.ToolSpecification;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code @Tool} methods of every {@code @WardenAgent} class and of the tool classes it lists, as discovered from
 * the Jandex index at build time (each checked there to carry a {@code @ToolGovernance} descriptor). At startup the
 * registry resolves exactly these methods; no class is scanned for annotations. Each tool's specification (name,
 * description, JSON argument schema) was also computed at build time and is used as recorded: no schema is built from
 * a {@code Method} at startup.
 *
 * @param methods declaring class name to method signatures, each {@code name(type,type)} with erased type names as
 *     {@link Class#getName()} spells them
 * @param specifications declaring class name to signature to the tool's specification recorded at build time; a tool
 *     without one is specified from its method at startup
 */
public record ToolCatalog(Map<String, List<String>> methods,
        Map<String, Map<String, ToolSpecification>> specifications) {
    public ToolCatalog {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        methods.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        methods = Map.copyOf(copy);
        Map<String, Map<String, ToolSpecification>> specs = new LinkedHashMap<>();
        specifications.forEach((k, v) -> specs.put(k, Map.copyOf(v)));
        specifications = Map.copyOf(specs);
    }

    /** A catalog without recorded specifications. */
    public ToolCatalog(Map<String, List<String>> methods) {
        this(methods, Map.of());
    }

    /** Builds the catalog from what the build recorded: specifications as JSON ({@link ToolSpecification#toJson()}). */
    public static ToolCatalog fromRecorded(Map<String, List<String>> methods,
            Map<String, Map<String, String>> specificationsJson) {
        Map<String, Map<String, ToolSpecification>> specs = new LinkedHashMap<>();
        specificationsJson.forEach((type, bySignature) -> {
            Map<String, ToolSpecification> parsed = new LinkedHashMap<>();
            bySignature.forEach((signature, json) -> parsed.put(signature, ToolSpecification.fromJson(json)));
            specs.put(type, parsed);
        });
        return new ToolCatalog(methods, specs);
    }

    /** The specification recorded at build time for a tool method of {@code type}, or empty if none was recorded. */
    public Optional<ToolSpecification> specification(Class<?> type, Method method) {
        return Optional.ofNullable(specifications.getOrDefault(type.getName(), Map.of()).get(signature(method)));
    }

    /** Signature of a method, in the form the catalog records. */
    public static String signature(Method m) {
        return signature(m.getName(), Arrays.stream(m.getParameterTypes()).map(Class::getName).toList());
    }

    /** The classes that declare tools. */
    public Set<String> classes() {
        return methods.keySet();
    }

    /** Signature of a method, in the form the catalog records. */
    public static String signature(String name, List<String> parameterTypes) {
        return name + "(" + String.join(",", parameterTypes) + ")";
    }

    /**
     * The recorded tool methods of {@code type} (none if it declares no tools); fails if a recorded method is gone,
     * which only a class changed after the build can cause.
     */
    public List<Method> toolMethods(Class<?> type) {
        List<String> wanted = methods.getOrDefault(type.getName(), List.of());
        List<Method> out = new ArrayList<>();
        for (String signature : wanted) {
            Method found = Arrays.stream(type.getDeclaredMethods())
                    .filter(m -> signature.equals(signature(m)))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("tool method " + type.getName() + "#" + signature
                            + " was discovered at build time but is not in the class at run time (stale build?)"));
            out.add(found);
        }
        return out;
    }
}

package dev.warden.quarkus.runtime;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code @Tool} methods of every {@code @WardenAgent} class and of the tool classes it lists, as discovered from
 * the Jandex index at build time (each checked there to carry a {@code @ToolGovernance} descriptor). At startup the
 * registry resolves exactly these methods; no class is scanned for annotations.
 *
 * @param methods declaring class name to method signatures, each {@code name(type,type)} with erased type names as
 *     {@link Class#getName()} spells them
 */
public record ToolCatalog(Map<String, List<String>> methods) {
    public ToolCatalog {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        methods.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        methods = Map.copyOf(copy);
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
                    .filter(m -> signature.equals(signature(m.getName(),
                            Arrays.stream(m.getParameterTypes()).map(Class::getName).toList())))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("tool method " + type.getName() + "#" + signature
                            + " was discovered at build time but is not in the class at run time (stale build?)"));
            out.add(found);
        }
        return out;
    }
}

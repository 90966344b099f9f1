package dev.warden.quarkus.deployment;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.warden.quarkus.runtime.ToolCatalog;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Computes, when the application is built, the specification (name, description, JSON argument schema) of every tool
 * method {@link ToolDiscoveryProcessor} found in the Jandex index, as JSON for the recorder. The schema rules are
 * LangChain4j's own ({@link ToolSpecifications}), applied once here instead of at every start, so the model sees
 * exactly the schema the tool executor binds arguments by (parameter names, records, enums, collections). Classes are
 * loaded without being initialised.
 */
final class ToolSpecificationsAtBuild {
    private static final Logger LOG = Logger.getLogger(ToolSpecificationsAtBuild.class);

    private ToolSpecificationsAtBuild() {}

    /** Declaring class name to signature to {@link ToolSpecification#toJson()}; a tool that fails is left out. */
    static Map<String, Map<String, String>> of(Map<String, List<String>> methods) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        methods.forEach((className, signatures) -> {
            Map<String, String> specs = new LinkedHashMap<>();
            try {
                Class<?> type = Class.forName(className, false, loader);
                for (Method m : type.getDeclaredMethods()) {
                    String signature = ToolCatalog.signature(m);
                    if (signatures.contains(signature)) {
                        specs.put(signature, recordable(ToolSpecifications.toolSpecificationFrom(m)));
                    }
                }
            } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
                // the registry specifies such a tool from its method at startup, as before
                LOG.debugf(e, "tool specifications of %s are computed at startup", className);
            }
            if (!specs.isEmpty()) {
                out.put(className, specs);
            }
        });
        return out;
    }

    /** The JSON form, if it reads back as the same specification (else the tool is specified at startup). */
    private static String recordable(ToolSpecification spec) {
        String json = spec.toJson();
        if (!spec.equals(ToolSpecification.fromJson(json))) {
            throw new IllegalStateException("specification of '" + spec.name() + "' does not survive JSON");
        }
        return json;
    }
}

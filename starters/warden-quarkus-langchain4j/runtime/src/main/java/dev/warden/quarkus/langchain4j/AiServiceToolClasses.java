package dev.warden.quarkus.langchain4j;

import io.quarkus.runtime.annotations.Recorder;
import java.util.List;
import java.util.function.Supplier;

/**
 * The bean classes declaring LangChain4j {@code @Tool} methods, found in the bean-archive index when the application
 * was built (warden-quarkus-langchain4j's deployment module): {@link AiServiceToolCatalog} reads the governance metadata
 * of exactly these, instead of inspecting every bean class's methods on first use.
 */
public record AiServiceToolClasses(List<String> classNames) {
    public AiServiceToolClasses {
        classNames = List.copyOf(classNames);
    }

    /** Carries the classes found at build time into the running application. */
    @Recorder
    public static class Carrier {
        public Supplier<AiServiceToolClasses> classes(List<String> classNames) {
            return () -> new AiServiceToolClasses(classNames);
        }
    }
}

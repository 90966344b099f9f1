package dev.warden.quarkus.langchain4j;

import io.quarkiverse.langchain4j.runtime.aiservice.AiServiceMethodCreateInfo;
import io.quarkiverse.langchain4j.runtime.aiservice.AiServiceMethodImplementationSupport;
import io.quarkiverse.langchain4j.runtime.aiservice.QuarkusAiServiceContext;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.lang.reflect.Field;

/**
 * Reads the service context and method metadata of an AI-service invocation. Quarkus LangChain4j 1.10 hands its
 * method wrappers an {@link AiServiceMethodImplementationSupport.Input} whose fields are package-private, so they are
 * read reflectively (registered for native images). Resolved eagerly: if a later Quarkus LangChain4j renames them,
 * the application fails at startup instead of running AI services ungoverned.
 */
@RegisterForReflection(targets = AiServiceMethodImplementationSupport.Input.class, fields = true, methods = false)
final class AiServiceInputs {
    private static final Field CONTEXT = field("context");
    private static final Field CREATE_INFO = field("createInfo");

    private AiServiceInputs() {}

    /** Forces resolution (called at startup). */
    static void verify() {
        // the static initialiser has run when this returns
    }

    static QuarkusAiServiceContext context(AiServiceMethodImplementationSupport.Input input) {
        return (QuarkusAiServiceContext) read(CONTEXT, input);
    }

    static AiServiceMethodCreateInfo createInfo(AiServiceMethodImplementationSupport.Input input) {
        return (AiServiceMethodCreateInfo) read(CREATE_INFO, input);
    }

    private static Object read(Field f, Object input) {
        try {
            return f.get(input);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read the AI-service invocation; refusing to run it ungoverned", e);
        }
    }

    private static Field field(String name) {
        try {
            Field f = AiServiceMethodImplementationSupport.Input.class.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException | RuntimeException e) {
            throw new IllegalStateException("this Quarkus LangChain4j version has no AI-service input field '" + name
                    + "': Warden cannot govern its AI services (built for 1.10)", e);
        }
    }
}

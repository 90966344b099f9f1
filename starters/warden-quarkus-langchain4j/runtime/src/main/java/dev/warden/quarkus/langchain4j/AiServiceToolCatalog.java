package dev.warden.quarkus.langchain4j;

import dev.langchain4j.agent.tool.Tool;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.tools.ToolRegistry;
import dev.warden.quarkus.ToolInventory;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The governance metadata ({@code @ToolGovernance} effects and labels) of every CDI bean with LangChain4j
 * {@code @Tool} methods, read once on first use. A tool without the annotation gets the core's conservative
 * defaults (unknown effects are treated as high risk by the planes). The classes to read are those the build found in
 * the index ({@link AiServiceToolClasses}); without that record (no deployment step ran) every bean class is inspected.
 */
@Singleton
public class AiServiceToolCatalog implements ToolInventory {
    private volatile ToolRegistry registry;
    @Inject
    Instance<AiServiceToolClasses> recorded;

    @Override
    public Set<String> toolNames() {
        return registry().names();
    }

    public Optional<ToolDescriptor> descriptor(String toolName) {
        return registry().descriptor(toolName);
    }

    private ToolRegistry registry() {
        ToolRegistry r = registry;
        if (r == null) {
            synchronized (this) {
                r = registry;
                if (r == null) {
                    r = registry = recorded != null && recorded.isResolvable()
                            ? ofClasses(recorded.get().classNames()) : scan();
                }
            }
        }
        return r;
    }

    private static ToolRegistry scan() {
        BeanManager bm = Arc.container().beanManager();
        List<Object> tools = new ArrayList<>();
        for (Bean<?> bean : bm.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            if (hasTools(type)) {
                Object instance = Arc.container().instance(type).get();
                if (instance != null) {
                    tools.add(ClientProxy.unwrap(instance));
                }
            }
        }
        return ToolRegistry.of(tools.toArray());
    }

    /** The beans of the classes found at build time (a class that is not a bean, or was removed, is skipped). */
    private static ToolRegistry ofClasses(List<String> classNames) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        List<Object> tools = new ArrayList<>();
        for (String name : classNames) {
            Class<?> type;
            try {
                type = Class.forName(name, false, loader);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("tool class " + name + " was found at build time but is not on the"
                        + " class path at run time (stale build?)", e);
            }
            var handle = Arc.container().instance(type);
            Object instance = handle.isAvailable() ? handle.get() : null;
            if (instance != null) {
                tools.add(ClientProxy.unwrap(instance));
            }
        }
        return ToolRegistry.of(tools.toArray());
    }

    private static boolean hasTools(Class<?> type) {
        try {
            for (Method m : type.getDeclaredMethods()) {
                if (m.isAnnotationPresent(Tool.class)) {
                    return true;
                }
            }
        } catch (LinkageError e) {
            return false;
        }
        return false;
    }
}

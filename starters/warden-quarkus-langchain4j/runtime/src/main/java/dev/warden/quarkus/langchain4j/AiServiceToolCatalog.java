package dev.warden.quarkus.langchain4j;

import dev.langchain4j.agent.tool.Tool;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.tools.ToolRegistry;
import dev.warden.quarkus.ToolInventory;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The governance metadata ({@code @ToolGovernance} effects and labels) of every CDI bean with LangChain4j
 * {@code @Tool} methods, read once on first use. A tool without the annotation gets the core's conservative
 * defaults (unknown effects are treated as high risk by the planes).
 */
@Singleton
public class AiServiceToolCatalog implements ToolInventory {
    private volatile ToolRegistry registry;

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
                    r = registry = scan();
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

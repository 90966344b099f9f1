package dev.warden.quarkus.runtime;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.quarkus.arc.InstanceHandle;

/** Resolves {@code @WardenAgent} classes and their tool beans at startup (shared by the registry and plug-ins). */
public final class AgentBeans {
    private AgentBeans() {}

    /** The agent class recorded at build time. */
    public static Class<?> load(String className) {
        try {
            return Class.forName(className, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("agent class not found: " + className, e);
        }
    }

    /** The bean instance itself, never a client proxy, so its {@code @Tool} methods are visible. */
    public static Object instance(Class<?> type) {
        InstanceHandle<?> handle = Arc.container().instance(type);
        if (!handle.isAvailable()) {
            throw new IllegalStateException(type.getName() + " is not a CDI bean (annotate it @Singleton)");
        }
        return ClientProxy.unwrap(handle.get());
    }
}

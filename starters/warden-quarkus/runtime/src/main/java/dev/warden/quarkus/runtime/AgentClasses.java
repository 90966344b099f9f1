package dev.warden.quarkus.runtime;

import java.util.List;

/** The classes annotated {@code @WardenAgent}, as found in the index at build time. */
public record AgentClasses(List<String> names) {
    public AgentClasses {
        names = List.copyOf(names);
    }
}

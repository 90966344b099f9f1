package dev.warden.quarkus.deployment;

import dev.warden.policy.PolicySource;
import io.quarkus.builder.item.SimpleBuildItem;
import java.util.List;

/**
 * The policy documents the application names as {@code classpath:} entries of {@code warden.policy.locations} in its
 * build-time configuration, read at build time: checked by {@link PolicyBuildProcessor}, registered as native-image
 * resources and as dev-mode watched files. Locations given only at run time, and {@code file:}/URL locations, are
 * loaded and checked at startup instead.
 *
 * @param resources resource names, without the {@code classpath:} prefix
 * @param sources the documents read, in the same order
 * @param missing names that no archive of the application contains
 */
public final class ClasspathPoliciesBuildItem extends SimpleBuildItem {
    private final List<String> resources;
    private final List<PolicySource> sources;
    private final List<String> missing;

    ClasspathPoliciesBuildItem(List<String> resources, List<PolicySource> sources, List<String> missing) {
        this.resources = List.copyOf(resources);
        this.sources = List.copyOf(sources);
        this.missing = List.copyOf(missing);
    }

    public List<String> resources() {
        return resources;
    }

    public List<PolicySource> sources() {
        return sources;
    }

    public List<String> missing() {
        return missing;
    }
}

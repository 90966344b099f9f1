package dev.warden.quarkus.runtime;

import dev.warden.policy.PolicyDirectoryWatcher;
import dev.warden.policy.PolicyEngine;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Dev mode's view of {@code classpath:} policy locations. Quarkus dev mode copies an edited policy file from
 * {@code src/main/resources} to the classes directory (the build registers each one as a watched file that needs no
 * restart), so there the resource is a plain file: it is loaded under its file path and watched like a
 * {@code file:} location, with the same reload invariants (a bad, empty, torn or deleted file is rejected and the
 * last good version keeps serving). Outside dev mode, or for a resource inside a jar, nothing changes.
 */
final class DevModePolicyFiles {
    private DevModePolicyFiles() {}

    /** The file behind {@code classpath:<resource>}, if the resource is a plain file on disk. */
    static Optional<Path> file(String location) {
        if (!location.startsWith("classpath:")) {
            return Optional.empty();
        }
        String name = location.substring("classpath:".length());
        name = name.startsWith("/") ? name.substring(1) : name;
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        URL url = (cl == null ? DevModePolicyFiles.class.getClassLoader() : cl).getResource(name);
        if (url == null || !"file".equals(url.getProtocol())) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(url.toURI());
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** One watcher per directory holding such files, each watching only the files named by a location. */
    static List<PolicyDirectoryWatcher> watchers(PolicyEngine engine, List<String> locations) {
        Map<Path, Set<Path>> byDirectory = new LinkedHashMap<>();
        for (String location : locations) {
            file(location.trim()).ifPresent(f -> byDirectory.computeIfAbsent(f.getParent(), d -> new LinkedHashSet<>())
                    .add(f));
        }
        List<PolicyDirectoryWatcher> out = new ArrayList<>();
        byDirectory.forEach((dir, files) -> out.add(new PolicyDirectoryWatcher(engine, dir, files::contains)));
        return out;
    }
}

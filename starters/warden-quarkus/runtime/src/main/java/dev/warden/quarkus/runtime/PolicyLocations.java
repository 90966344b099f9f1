package dev.warden.quarkus.runtime;

import dev.warden.policy.PolicySource;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Turns {@code warden.policy.locations} entries into sources; a bad entry is a startup error naming it. */
final class PolicyLocations {
    private PolicyLocations() {}

    static List<PolicySource> resolve(List<String> locations) {
        return resolve(locations, false);
    }

    /** With {@code devMode}, a {@code classpath:} resource that is a plain file is read as that file (see {@link DevModePolicyFiles}). */
    static List<PolicySource> resolve(List<String> locations, boolean devMode) {
        List<PolicySource> sources = new ArrayList<>();
        for (String location : locations) {
            String l = location.trim();
            java.util.Optional<Path> file = devMode ? DevModePolicyFiles.file(l) : java.util.Optional.empty();
            sources.addAll(file.isPresent() ? List.of(PolicySource.file(file.get())) : resolve(l));
        }
        return sources;
    }

    static List<PolicySource> resolve(String location) {
        if (location.startsWith("classpath:")) {
            return List.of(PolicySource.classpath(location.substring("classpath:".length())));
        }
        if (location.startsWith("http://") || location.startsWith("https://")) {
            return List.of(PolicySource.url(URI.create(location)));
        }
        Path path = Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
        if (Files.isDirectory(path)) {
            return PolicySource.directory(path);
        }
        if (Files.isRegularFile(path)) {
            return List.of(PolicySource.file(path));
        }
        throw new IllegalArgumentException("warden.policy.locations: '" + location
                + "' is neither classpath:, http(s):// nor an existing file or directory");
    }

    /** The {@code file:} directories among the locations, for hot reload. */
    static List<Path> directories(List<String> locations) {
        List<Path> dirs = new ArrayList<>();
        for (String raw : locations) {
            String location = raw.trim();
            if (location.startsWith("classpath:") || location.startsWith("http")) {
                continue;
            }
            Path path = Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
            if (Files.isDirectory(path)) {
                dirs.add(path);
            }
        }
        return dirs;
    }
}

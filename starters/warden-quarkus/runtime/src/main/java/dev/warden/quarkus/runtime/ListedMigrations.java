package dev.warden.quarkus.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * Flyway migration scripts that are listed rather than found by classpath scanning, which behaves differently
 * across class loaders (Quarkus dev mode, fat jars, native images). The Warden starters that keep their own tables
 * (the PostgreSQL stores, the shared inventory) each pass their location and scripts and keep their own history table.
 *
 * <p>Flyway is an optional dependency of this module: only a starter that brings Flyway uses this class.
 *
 * <pre>{@code
 * Flyway.configure(loader).dataSource(ds).table("warden_schema_history")
 *         .resourceProvider(new ListedMigrations(loader, "db/migration/warden", List.of("V1__warden.sql")))
 *         .javaMigrations().load().migrate();
 * }</pre>
 */
public final class ListedMigrations implements ResourceProvider {
    private final ClassLoader loader;
    private final String location;
    private final List<String> scripts;

    /**
     * @param location the scripts' folder on the classpath, without a trailing slash
     * @param scripts the scripts' file names, e.g. {@code V1__warden.sql}
     */
    public ListedMigrations(ClassLoader loader, String location, List<String> scripts) {
        this.loader = loader;
        this.location = location;
        this.scripts = List.copyOf(scripts);
    }

    @Override
    public LoadableResource getResource(String name) {
        return scripts.contains(name) ? new Script(name) : null;
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        List<LoadableResource> out = new ArrayList<>();
        for (String s : scripts) {
            if (s.startsWith(prefix) && List.of(suffixes).stream().anyMatch(s::endsWith)) {
                out.add(new Script(s));
            }
        }
        return out;
    }

    private final class Script extends LoadableResource {
        private final String name;

        Script(String name) {
            this.name = name;
        }

        @Override
        public Reader read() {
            try (InputStream in = loader.getResourceAsStream(getAbsolutePath())) {
                if (in == null) {
                    throw new IllegalStateException("migration script missing from the classpath: " + name);
                }
                return new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read migration " + name, e);
            }
        }

        @Override
        public String getAbsolutePath() {
            return location + "/" + name;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return null;
        }

        @Override
        public String getFilename() {
            return name;
        }

        @Override
        public String getRelativePath() {
            return name;
        }
    }
}

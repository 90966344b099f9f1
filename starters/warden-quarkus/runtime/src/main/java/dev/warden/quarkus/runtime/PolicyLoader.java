package dev.warden.quarkus.runtime;

import dev.warden.policy.PolicyDirectoryWatcher;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicyLoadException;
import dev.warden.policy.PolicyProblem;
import dev.warden.quarkus.WardenConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;

/**
 * Loads {@code warden.policy.locations} at startup (a bad document stops the application with file, line and rule)
 * and, with {@code warden.policy.reload}, watches {@code file:} directories: a bad edit is rejected and logged, the
 * previous version keeps serving, and readiness reports it.
 */
@Singleton
public class PolicyLoader {
    private static final Logger LOG = Logger.getLogger(PolicyLoader.class);

    private final PolicyEngine engine;
    private final WardenConfig config;
    private final List<PolicyDirectoryWatcher> watchers = new CopyOnWriteArrayList<>();
    private volatile boolean loaded;

    PolicyLoader(PolicyEngine engine, WardenConfig config) {
        this.engine = engine;
        this.config = config;
    }

    void onStart(@Observes @Priority(10) StartupEvent event) {
        List<String> locations = config.policy().locations().orElse(List.of());
        long started = System.nanoTime();
        try {
            engine.load(PolicyLocations.resolve(locations));
        } catch (PolicyLoadException e) {
            throw new IllegalStateException("Warden policies failed to load: " + e.getMessage(), e);
        }
        loaded = true;
        LOG.infof("Warden loaded %d policy set(s) from %s in %d ms", engine.policySets().size(), locations,
                (System.nanoTime() - started) / 1_000_000);
        if (config.policy().reload()) {
            for (Path dir : PolicyLocations.directories(locations)) {
                watchers.add(new PolicyDirectoryWatcher(engine, dir).start(config.policy().reloadInterval()));
            }
            engine.addReloadListener(e -> {
                if (e.accepted()) {
                    LOG.infof("Warden policies reloaded from %s", e.sources());
                } else {
                    LOG.errorf("Warden rejected a policy change, previous version still active: %s", e.problems());
                }
            });
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        watchers.forEach(PolicyDirectoryWatcher::close);
    }

    /** Whether the startup load succeeded. */
    public boolean loaded() {
        return loaded;
    }

    /** Problems of the latest rejected reload per watched directory; empty when everything applied. */
    public List<PolicyProblem> rejected() {
        List<PolicyProblem> out = new ArrayList<>();
        watchers.forEach(w -> out.addAll(w.lastProblems()));
        return out;
    }
}

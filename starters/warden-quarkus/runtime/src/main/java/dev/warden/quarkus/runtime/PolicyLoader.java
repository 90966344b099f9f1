package dev.warden.quarkus.runtime;

import dev.warden.policy.PolicyDirectoryWatcher;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicyLoadException;
import dev.warden.policy.PolicyProblem;
import dev.warden.quarkus.WardenConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;

/**
 * Loads {@code warden.policy.locations} at startup (a bad document stops the application with file, line and rule)
 * and, with {@code warden.policy.reload} (and in dev mode for {@code classpath:} files, see {@link DevModePolicyFiles}),
 * watches {@code file:} directories once the agents have declared the sets
 * they name: a bad edit (or an empty, truncated, unreadable or deleted file) is rejected, logged and audited by the
 * {@link PolicyReloadJournal}, the previous version keeps serving, and readiness and {@code /v1/policies/status}
 * report it until the file is fixed.
 */
@Singleton
public class PolicyLoader {
    private static final Logger LOG = Logger.getLogger(PolicyLoader.class);

    private final PolicyEngine engine;
    private final WardenConfig config;
    private final PolicyReloadJournal journal;
    private final List<PolicyDirectoryWatcher> watchers = new CopyOnWriteArrayList<>();
    private volatile boolean loaded;

    PolicyLoader(PolicyEngine engine, WardenConfig config, PolicyReloadJournal journal) {
        this.engine = engine;
        this.config = config;
        this.journal = journal;
    }

    void onStart(@Observes @Priority(10) StartupEvent event) {
        List<String> locations = config.policy().locations().orElse(List.of());
        long started = System.nanoTime();
        try {
            engine.load(PolicyLocations.resolve(locations, devMode()));
        } catch (PolicyLoadException e) {
            throw new IllegalStateException("Warden policies failed to load: " + e.getMessage(), e);
        }
        loaded = true;
        LOG.infof("Warden loaded %d policy set(s) from %s in %d ms (%d expression(s) type-checked at build time)",
                engine.policySets().size(), locations, (System.nanoTime() - started) / 1_000_000,
                engine.precompiledExpressionsUsed());
    }

    /** After {@link AgentRegistry} (priority 20) declared the sets its agents name, so no reload can unload them. */
    void startWatching(@Observes @Priority(30) StartupEvent event) {
        List<String> locations = config.policy().locations().orElse(List.of());
        List<PolicyDirectoryWatcher> started = new ArrayList<>();
        if (devMode()) {
            started.addAll(DevModePolicyFiles.watchers(engine, locations));
        }
        if (config.policy().reload()) {
            PolicyLocations.directories(locations).forEach(dir -> started.add(new PolicyDirectoryWatcher(engine, dir)));
        }
        if (started.isEmpty()) {
            return;
        }
        for (PolicyDirectoryWatcher w : started) {
            w.scan(); // takes in what startup loaded: the same text, so nothing to report or audit
        }
        engine.addReloadListener(journal); // from here on, every attempt is a reload
        for (PolicyDirectoryWatcher w : started) {
            watchers.add(w.start(config.policy().reloadInterval()));
        }
        LOG.infof("Warden watches %d policy location(s)%s for changes every %s", started.size(),
                devMode() ? " (dev mode: classpath policy files included)" : "", config.policy().reloadInterval());
    }

    private static boolean devMode() {
        return LaunchMode.current() == LaunchMode.DEVELOPMENT;
    }

    void onStop(@Observes ShutdownEvent event) {
        watchers.forEach(PolicyDirectoryWatcher::close);
    }

    /** Whether the startup load succeeded. */
    public boolean loaded() {
        return loaded;
    }

    /**
     * Problems of every rejected reload still in effect (a watched file that differs from what serves), until the file
     * is fixed or restored; empty when the watched files and the active version agree.
     */
    public List<PolicyProblem> rejected() {
        List<PolicyProblem> out = new ArrayList<>();
        watchers.forEach(w -> out.addAll(w.pendingProblems()));
        return out;
    }

    /** Whether watched directories are reloaded. */
    public boolean watching() {
        return !watchers.isEmpty();
    }
}

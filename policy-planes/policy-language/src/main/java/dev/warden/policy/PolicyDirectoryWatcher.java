package dev.warden.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Hot reload of the {@code *.yaml}/{@code *.yml} files in one directory. Each {@link #scan()} compares file contents
 * with what was last loaded and hands every changed file to {@link PolicyEngine#load} one by one: a valid file
 * replaces its previous version atomically; a bad one is rejected (reported through the engine's
 * {@link PolicyReloadListener}s and {@link #lastProblems()}) and its previous version keeps serving. A deleted file's
 * sets are removed.
 *
 * <p>Polling rather than {@code WatchService}: it behaves the same on every file system (container volumes, NFS,
 * ConfigMap symlink swaps) and costs one directory listing per interval. {@link #start} polls on a daemon thread;
 * tests call {@link #scan()} directly.
 */
public final class PolicyDirectoryWatcher implements AutoCloseable {
    private final PolicyEngine engine;
    private final Path directory;
    private final Map<Path, String> loaded = new HashMap<>();
    private final Map<Path, String> rejected = new HashMap<>();
    private volatile List<PolicyProblem> lastProblems = List.of();
    private ScheduledExecutorService scheduler;

    public PolicyDirectoryWatcher(PolicyEngine engine, Path directory) {
        this.engine = engine;
        this.directory = directory;
    }

    /**
     * Loads what changed since the last scan. Returns the problems of the files rejected in this scan (empty when
     * everything changed was accepted or nothing changed).
     */
    public synchronized List<PolicyProblem> scan() {
        List<PolicyProblem> problems = new ArrayList<>();
        Map<Path, String> present = new HashMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path p : files.filter(PolicySource::isPolicyFile).sorted().toList()) {
                present.put(p, Files.readString(p, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan policy directory " + directory, e);
        }
        for (Map.Entry<Path, String> e : present.entrySet()) {
            if (e.getValue().equals(loaded.get(e.getKey())) || e.getValue().equals(rejected.get(e.getKey()))) {
                continue;
            }
            try {
                engine.load(new PolicySource(e.getKey().toString(), e.getValue()));
                loaded.put(e.getKey(), e.getValue());
                rejected.remove(e.getKey());
            } catch (PolicyLoadException bad) {
                // Remember the bad text so it is reported once, not at every tick, until the file changes again.
                rejected.put(e.getKey(), e.getValue());
                problems.addAll(bad.problems());
            }
        }
        for (Path gone : new ArrayList<>(loaded.keySet())) {
            if (!present.containsKey(gone)) {
                engine.remove(gone.toString());
                loaded.remove(gone);
            }
        }
        rejected.keySet().retainAll(present.keySet());
        lastProblems = List.copyOf(problems);
        return lastProblems;
    }

    /** Problems of the most recent scan. */
    public List<PolicyProblem> lastProblems() {
        return lastProblems;
    }

    /** Scans now, then every {@code interval} on a daemon thread. Scan failures are retried at the next tick. */
    public synchronized PolicyDirectoryWatcher start(Duration interval) {
        scan();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "warden-policy-watcher");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                scan();
            } catch (RuntimeException ignored) {
                // Directory briefly unreadable (e.g. during a ConfigMap swap): keep serving, retry next tick.
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}

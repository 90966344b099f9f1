package dev.warden.policy;

import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * {@link PolicyReloadListener}s) and its previous version keeps serving. A deleted file is handed to
 * {@link PolicyEngine#remove}, which refuses while the file still held sets; an unreadable file or directory is
 * reported with {@link PolicyEngine#rejectUnreadable}. Each rejection is reported once, and stays in
 * {@link #pendingProblems()} until that file is accepted, restored or gone for good.
 *
 * <p>Polling rather than {@code WatchService}: it behaves the same on every file system (container volumes, NFS,
 * ConfigMap symlink swaps) and costs one directory listing per interval. {@link #start} polls on a daemon thread;
 * tests call {@link #scan()} directly.
 */
public final class PolicyDirectoryWatcher implements AutoCloseable {
    /** Why a path is not applied: the state it was rejected in (text, or a marker) and the problems. */
    private record Rejection(String state, List<PolicyProblem> problems) {}

    private static final String DELETED = "\u0000deleted";
    private static final String UNREADABLE = "\u0000unreadable:";

    private final PolicyEngine engine;
    private final Path directory;
    private final java.util.function.Predicate<Path> include;
    private final Map<Path, String> loaded = new HashMap<>();
    private final Map<Path, Rejection> rejected = new LinkedHashMap<>();
    private ScheduledExecutorService scheduler;

    public PolicyDirectoryWatcher(PolicyEngine engine, Path directory) {
        this(engine, directory, p -> true);
    }

    /**
     * Watches only the policy files of {@code directory} that {@code include} accepts (dev mode watches the files an
     * application names, not their neighbours); the others are neither loaded nor reported.
     */
    public PolicyDirectoryWatcher(PolicyEngine engine, Path directory, java.util.function.Predicate<Path> include) {
        this.engine = engine;
        this.directory = directory;
        this.include = java.util.Objects.requireNonNull(include, "include");
    }

    /**
     * Loads what changed since the last scan. Returns the problems newly found in this scan (empty when everything
     * changed was accepted, or nothing changed, or the rejections were already reported).
     */
    public synchronized List<PolicyProblem> scan() {
        List<PolicyProblem> problems = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(PolicySource::isPolicyFile).filter(include).sorted().toList();
        } catch (IOException | RuntimeException e) {
            // the directory vanished or cannot be listed: nothing is unloaded, the active version keeps serving
            reject(directory, UNREADABLE + e, problems, () -> unreadable(directory, "cannot list policy directory", e));
            return List.copyOf(problems);
        }
        rejected.remove(directory);
        Map<Path, String> present = new LinkedHashMap<>();
        for (Path p : files) {
            try {
                present.put(p, read(p));
            } catch (IOException | RuntimeException e) {
                present.put(p, null);
                reject(p, UNREADABLE + e, problems, () -> unreadable(p, "cannot read policy file", e));
            }
        }
        present.forEach((path, text) -> {
            if (text != null) {
                apply(path, text, problems);
            }
        });
        for (Path gone : new ArrayList<>(loaded.keySet())) {
            if (!present.containsKey(gone)) {
                reject(gone, DELETED, problems, () -> {
                    engine.remove(gone.toString());
                    loaded.remove(gone);
                    return List.of();
                });
            }
        }
        rejected.keySet().removeIf(p -> !p.equals(directory) && !present.containsKey(p) && !loaded.containsKey(p));
        return List.copyOf(problems);
    }

    /** Problems of every rejection still in effect (a file on disk that differs from what serves); empty when in sync. */
    public synchronized List<PolicyProblem> pendingProblems() {
        List<PolicyProblem> out = new ArrayList<>();
        rejected.values().forEach(r -> out.addAll(r.problems()));
        return List.copyOf(out);
    }

    /** Same as {@link #scan()}'s latest findings still in effect; kept for callers of the earlier API. */
    public List<PolicyProblem> lastProblems() {
        return pendingProblems();
    }

    private void apply(Path path, String text, List<PolicyProblem> problems) {
        if (text.equals(loaded.get(path))) {
            rejected.remove(path); // restored to what serves (e.g. after a bad edit or a deletion was undone)
            return;
        }
        reject(path, text, problems, () -> {
            engine.load(new PolicySource(path.toString(), text));
            loaded.put(path, text);
            return List.of();
        });
    }

    /** Runs {@code attempt} unless {@code path} is already rejected in {@code state}; records its outcome. */
    private void reject(Path path, String state, List<PolicyProblem> problems, Attempt attempt) {
        Rejection known = rejected.get(path);
        if (known != null && known.state().equals(state)) {
            return; // reported once, not at every tick, until the file changes again
        }
        List<PolicyProblem> found;
        try {
            found = attempt.run();
        } catch (PolicyLoadException bad) {
            found = bad.problems();
        }
        if (found.isEmpty()) {
            rejected.remove(path);
        } else {
            rejected.put(path, new Rejection(state, found));
            problems.addAll(found);
        }
    }

    private List<PolicyProblem> unreadable(Path path, String what, Exception e) {
        String reason = what + " " + path + " (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                + "); the previous version keeps serving";
        engine.rejectUnreadable(path.toString(), reason);
        return List.of(new PolicyProblem(path.toString(), 0, null, reason));
    }

    /** Strict UTF-8: a half-copied multi-byte character is a read failure, not a silently altered policy. */
    private static String read(Path p) throws IOException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(p))).toString();
    }

    @FunctionalInterface
    private interface Attempt {
        List<PolicyProblem> run();
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
                // Never let one bad tick stop the watcher; the active version keeps serving.
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

package dev.warden.a2a.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.warden.a2a.A2aCodes;
import dev.warden.core.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Who owns each A2A task of one served agent, how many run, and how long finished ones are kept.
 *
 * <ul>
 *   <li><b>Running</b> tasks are bounded per caller ({@link Limits#perCaller}) and in total ({@link Limits#total}):
 *       each holds a worker thread of the server for at most the run timeout, so the bounds also bound the threads
 *       (the SDK's pool runs one agent execution per running task). Over a bound a task is refused
 *       ({@link A2aCodes#TOO_MANY_TASKS}, {@link A2aCodes#SERVER_BUSY}).</li>
 *   <li><b>Finished</b> tasks (completed, rejected, failed, canceled, or waiting at {@code input-required}) stay
 *       readable by their owner for {@link Limits#retention}, at most {@link Limits#retained} of them (Caffeine, time
 *       from the injected clock); an evicted task is deleted from the SDK's task store too, so neither the owner map
 *       nor the store grows without bound.</li>
 * </ul>
 * Ownership is recorded before the task is visible to anyone, so its creator can read it at once. Thread-safe.
 */
final class TaskLedger {
    /** Tasks belong to a user of a tenant; a record, so no tenant/user spelling can collide with another. */
    record Owner(String tenant, String user) {
        static Owner of(Principal p) {
            return new Owner(p.tenant(), p.id());
        }
    }

    /**
     * @param perCaller running tasks one caller may have at once
     * @param total running tasks of this agent at once
     * @param retention how long a finished task stays readable
     * @param retained finished tasks kept at most (the least valuable are evicted first)
     */
    record Limits(int perCaller, int total, Duration retention, long retained) {
        static final Limits DEFAULT = new Limits(8, 64, Duration.ofHours(1), 10_000);

        Limits {
            if (perCaller < 1 || total < 1 || retained < 1) {
                throw new IllegalArgumentException("A2A task limits must be at least 1");
            }
            Objects.requireNonNull(retention, "retention");
        }
    }

    private final Limits limits;
    private final Map<String, Owner> running = new ConcurrentHashMap<>();
    private final Map<Owner, Integer> runningPerCaller = new HashMap<>();
    private final Cache<String, Owner> finished;

    /** @param evicted told the id of every finished task dropped (to delete it from the task store) */
    TaskLedger(Limits limits, Clock clock, Consumer<String> evicted) {
        this.limits = limits;
        this.finished = Caffeine.newBuilder().expireAfterWrite(limits.retention()).maximumSize(limits.retained())
                .ticker(() -> clock.millis() * 1_000_000L).executor(Runnable::run)
                .<String, Owner>removalListener((id, owner, cause) -> {
                    if (cause == RemovalCause.EXPIRED || cause == RemovalCause.SIZE) {
                        evicted.accept(id);
                    }
                }).build();
    }

    /** Why {@code owner} may not start a task now, or {@code null}; a hint only — {@link #start} decides. */
    synchronized String refusal(Owner owner) {
        if (runningPerCaller.getOrDefault(owner, 0) >= limits.perCaller()) {
            return A2aCodes.TOO_MANY_TASKS;
        }
        return running.size() >= limits.total() ? A2aCodes.SERVER_BUSY : null;
    }

    /**
     * Records {@code owner} as the owner of {@code taskId} and counts it as running, unless a bound is reached: then
     * it is recorded as finished (its owner can read the refusal) and the code is returned.
     */
    String start(String taskId, Owner owner) {
        finished.cleanUp();
        synchronized (this) {
            String refused = refusal(owner);
            if (refused != null) {
                finished.put(taskId, owner);
                return refused;
            }
            running.put(taskId, owner);
            runningPerCaller.merge(owner, 1, Integer::sum);
            return null;
        }
    }

    /** The task's run is over: it no longer counts, and stays readable for the retention period. */
    synchronized void finish(String taskId) {
        Owner owner = running.remove(taskId);
        if (owner != null) {
            runningPerCaller.computeIfPresent(owner, (o, n) -> n > 1 ? n - 1 : null);
            finished.put(taskId, owner);
        }
    }

    boolean owns(String taskId, Owner caller) {
        if (taskId == null) {
            return false;
        }
        Owner o = running.get(taskId);
        return caller.equals(o != null ? o : finished.getIfPresent(taskId));
    }

    /** Tasks held (running and finished), after evicting what expired. */
    long size() {
        finished.cleanUp();
        return running.size() + finished.estimatedSize();
    }
}

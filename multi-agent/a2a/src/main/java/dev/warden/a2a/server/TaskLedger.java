package dev.warden.a2a.server;

import dev.warden.a2a.A2aCodes;
import dev.warden.core.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
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
 *       readable by their owner for {@link Limits#retention} (time from the injected clock), at most
 *       {@link Limits#retainedPerCaller} of one caller's and {@link Limits#retained} in all. Retention is fair
 *       (decision 0049): a caller over its own bound loses its own oldest; when all callers together are over the
 *       total, the caller holding the most loses its oldest — so one caller finishing many tasks evicts only its own
 *       results, never those of a caller holding fewer. An evicted task is deleted from the SDK's task store too, so
 *       neither the owner map nor the store grows without bound.</li>
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
     * @param retained finished tasks kept at most, all callers together
     * @param retainedPerCaller finished tasks of one caller kept at most
     */
    record Limits(int perCaller, int total, Duration retention, long retained, long retainedPerCaller) {
        /** Finished tasks one caller keeps at most unless configured. */
        static final long DEFAULT_RETAINED_PER_CALLER = 1_000;
        static final Limits DEFAULT = new Limits(8, 64, Duration.ofHours(1), 10_000);

        Limits {
            if (perCaller < 1 || total < 1 || retained < 1 || retainedPerCaller < 1) {
                throw new IllegalArgumentException("A2A task limits must be at least 1");
            }
            Objects.requireNonNull(retention, "retention");
        }

        /** Limits with the default per-caller retention (never more than {@code retained}). */
        Limits(int perCaller, int total, Duration retention, long retained) {
            this(perCaller, total, retention, retained, Math.min(retained, DEFAULT_RETAINED_PER_CALLER));
        }
    }

    private final Limits limits;
    private final Clock clock;
    private final Consumer<String> evicted;
    private final Map<String, Owner> running = new ConcurrentHashMap<>();
    private final Map<Owner, Integer> runningPerCaller = new HashMap<>();
    /** Finished tasks in the order they finished (so the oldest expire first); guarded by {@code this}. */
    private final LinkedHashMap<String, Finished> finished = new LinkedHashMap<>();
    /** The same tasks by owner, each in finishing order; guarded by {@code this}. */
    private final Map<Owner, LinkedHashMap<String, Finished>> finishedByOwner = new HashMap<>();

    private record Finished(String id, Owner owner, long atMillis) {}

    /** @param evicted told the id of every finished task dropped (to delete it from the task store) */
    TaskLedger(Limits limits, Clock clock, Consumer<String> evicted) {
        this.limits = limits;
        this.clock = clock;
        this.evicted = evicted;
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
        List<String> dropped = new ArrayList<>();
        String refused;
        synchronized (this) {
            refused = refusal(owner);
            if (refused != null) {
                retain(taskId, owner, dropped);
            } else {
                running.put(taskId, owner);
                runningPerCaller.merge(owner, 1, Integer::sum);
            }
        }
        dropped.forEach(evicted);
        return refused;
    }

    /** The task's run is over: it no longer counts, and stays readable for the retention period. */
    void finish(String taskId) {
        List<String> dropped = new ArrayList<>();
        synchronized (this) {
            Owner owner = running.remove(taskId);
            if (owner != null) {
                runningPerCaller.computeIfPresent(owner, (o, n) -> n > 1 ? n - 1 : null);
                retain(taskId, owner, dropped);
            }
        }
        dropped.forEach(evicted);
    }

    boolean owns(String taskId, Owner caller) {
        if (taskId == null) {
            return false;
        }
        Owner o = running.get(taskId);
        if (o != null) {
            return caller.equals(o);
        }
        synchronized (this) {
            Finished f = finished.get(taskId);
            return f != null && clock.millis() - f.atMillis() < limits.retention().toMillis()
                    && caller.equals(f.owner());
        }
    }

    /** Tasks held (running and finished), after evicting what expired. */
    long size() {
        List<String> dropped = new ArrayList<>();
        long held;
        synchronized (this) {
            expire(dropped);
            held = running.size() + finished.size();
        }
        dropped.forEach(evicted);
        return held;
    }

    /** Keeps {@code taskId} as finished: the owner's oldest goes past its bound, the largest holder's past the total. */
    private void retain(String taskId, Owner owner, List<String> dropped) {
        expire(dropped);
        Finished before = finished.remove(taskId); // finishing again (after input-required): kept from now on
        if (before != null) {
            forget(before);
        }
        LinkedHashMap<String, Finished> own = finishedByOwner.get(owner);
        while (own != null && own.size() >= limits.retainedPerCaller()) {
            drop(own.values().iterator().next(), dropped);
            own = finishedByOwner.get(owner); // forgotten when it emptied
        }
        Finished f = new Finished(taskId, owner, clock.millis());
        finished.put(taskId, f);
        finishedByOwner.computeIfAbsent(owner, o -> new LinkedHashMap<>()).put(taskId, f);
        while (finished.size() > limits.retained()) {
            LinkedHashMap<String, Finished> largest = null;
            for (LinkedHashMap<String, Finished> tasks : finishedByOwner.values()) {
                if (largest == null || tasks.size() > largest.size()) {
                    largest = tasks;
                }
            }
            drop(largest.values().iterator().next(), dropped);
        }
    }

    /** Drops the finished tasks past the retention (the oldest come first). */
    private void expire(List<String> dropped) {
        long oldest = clock.millis() - limits.retention().toMillis();
        for (Iterator<Finished> it = finished.values().iterator(); it.hasNext(); ) {
            Finished f = it.next();
            if (f.atMillis() > oldest) {
                break;
            }
            it.remove();
            forget(f);
            dropped.add(f.id());
        }
    }

    private void drop(Finished f, List<String> dropped) {
        finished.remove(f.id());
        forget(f);
        dropped.add(f.id());
    }

    private void forget(Finished f) {
        LinkedHashMap<String, Finished> own = finishedByOwner.get(f.owner());
        if (own != null) {
            own.remove(f.id());
            if (own.isEmpty()) {
                finishedByOwner.remove(f.owner());
            }
        }
    }
}

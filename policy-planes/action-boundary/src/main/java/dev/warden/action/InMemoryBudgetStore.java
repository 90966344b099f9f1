package dev.warden.action;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link BudgetStore} in this JVM: one {@link AtomicLong} per counter, updated by compare-and-set, so reservations
 * are atomic and lock-free. Counters of one replica only; use a shared store (PostgreSQL, see {@link BudgetStore})
 * to enforce limits across replicas.
 *
 * <h2>Bounded memory</h2>
 * At most {@code maxCounters} counters are kept (a few more under a burst of concurrent first writes). Expired counters (per the injected {@link Clock}) are swept every
 * {@value #SWEEP_EVERY} writes and whenever the store is full; when it is still full a new counter is refused with
 * {@link BudgetStoreException} (the plane denies: fail closed) rather than forgetting live counters.
 */
public final class InMemoryBudgetStore implements BudgetStore {
    static final int SWEEP_EVERY = 4096;

    private static final class Counter {
        final AtomicLong used = new AtomicLong();
        final long expiresAt;

        Counter(long expiresAt) {
            this.expiresAt = expiresAt;
        }
    }

    private final ConcurrentHashMap<BudgetKey, Counter> counters = new ConcurrentHashMap<>();
    private final AtomicInteger writes = new AtomicInteger();
    private final Clock clock;
    private final int maxCounters;

    public InMemoryBudgetStore(Clock clock, int maxCounters) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxCounters < 1) {
            throw new IllegalArgumentException("maxCounters must be positive");
        }
        this.maxCounters = maxCounters;
    }

    /** A store of at most 100 000 counters. */
    public InMemoryBudgetStore(Clock clock) {
        this(clock, 100_000);
    }

    @Override
    public Reservation tryReserve(BudgetKey key, long amount, long limit, Instant expiresAt) {
        if (amount < 0) {
            throw new IllegalArgumentException("amount must not be negative");
        }
        AtomicLong used = counter(key, expiresAt).used;
        while (true) {
            long current = used.get();
            long next = current + amount;
            if (next > limit || next < current) {
                return new Reservation(false, current, limit);
            }
            if (used.compareAndSet(current, next)) {
                return new Reservation(true, next, limit);
            }
        }
    }

    @Override
    public void release(BudgetKey key, long amount) {
        Counter c = counters.get(key);
        if (c != null) {
            c.used.getAndUpdate(v -> Math.max(0, v - amount));
        }
    }

    @Override
    public long consume(BudgetKey key, long amount, Instant expiresAt) {
        return counter(key, expiresAt).used.addAndGet(amount);
    }

    @Override
    public long advanceTo(BudgetKey key, long value, Instant expiresAt) {
        return counter(key, expiresAt).used.getAndAccumulate(value, Math::max);
    }

    @Override
    public long used(BudgetKey key) {
        Counter c = counters.get(key);
        return c == null || c.expiresAt <= clock.millis() ? 0 : c.used.get();
    }

    /** Number of counters held (live and not yet swept). */
    public int size() {
        return counters.size();
    }

    /** Removes expired counters now; returns how many were removed. */
    public int sweep() {
        long now = clock.millis();
        int before = counters.size();
        counters.values().removeIf(c -> c.expiresAt <= now);
        return before - counters.size();
    }

    private Counter counter(BudgetKey key, Instant expiresAt) {
        if (writes.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep();
        }
        Counter c = counters.get(key);
        if (c != null && c.expiresAt > clock.millis()) {
            return c;
        }
        if (c != null) {
            counters.remove(key, c); // an expired counter of a reused key starts afresh
        }
        if (counters.size() >= maxCounters && sweep() == 0 && counters.size() >= maxCounters) {
            throw new BudgetStoreException("budget store is full (" + maxCounters + " live counters)");
        }
        return counters.computeIfAbsent(key, k -> new Counter(expiresAt.toEpochMilli()));
    }
}

package dev.warden.action;

import java.time.Instant;

/**
 * Where budget counters live. The action-boundary plane calls it on the hot path, so implementations must be
 * atomic, thread-safe and fast; every method is a single atomic step on one counter.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #tryReserve} adds {@code amount} only if the new total stays {@code <= limit}, atomically: under any
 *       concurrency the granted reservations of one key never sum past the limit.</li>
 *   <li>{@link #release} undoes a reservation (compensation when a later budget of the same call refuses).</li>
 *   <li>{@link #consume} adds unconditionally (units already spent, e.g. model tokens).</li>
 *   <li>{@link #advanceTo} raises a watermark to {@code max(current, value)} and returns the previous value (used to
 *       turn a run's cumulative token count into per-call deltas).</li>
 *   <li>A counter may be forgotten after its {@code expiresAt}. A store that cannot answer throws
 *       {@link BudgetStoreException}; the plane then denies (fail closed).</li>
 * </ul>
 *
 * <h2>A PostgreSQL implementation (shared across replicas)</h2>
 * One table {@code warden_budget(budget text, subject text, window_start bigint, used bigint not null,
 * expires_at timestamptz not null, primary key (budget, subject, window_start))}, and each method one statement,
 * so the database's row lock makes it atomic across replicas without explicit transactions:
 * <pre>{@code
 * -- tryReserve: the WHERE guard refuses an update that would pass the limit; no row returned = refused
 * INSERT INTO warden_budget AS b (budget, subject, window_start, used, expires_at)
 *   VALUES (:budget, :subject, :windowStart, :amount, :expiresAt)   -- caller checks amount <= limit first
 * ON CONFLICT (budget, subject, window_start)
 *   DO UPDATE SET used = b.used + EXCLUDED.used WHERE b.used + EXCLUDED.used <= :limit
 * RETURNING used;
 * -- release:   UPDATE warden_budget SET used = GREATEST(used - :amount, 0) WHERE <key>;
 * -- consume:   the same UPSERT without the WHERE guard, RETURNING used;
 * -- advanceTo: WITH old AS (SELECT used FROM warden_budget WHERE <key> FOR UPDATE) UPSERT with
 * --            used = GREATEST(b.used, EXCLUDED.used) RETURNING (SELECT used FROM old);
 * -- eviction:  DELETE FROM warden_budget WHERE expires_at < now()  (a scheduled job, off the hot path)
 * }</pre>
 * Being I/O, such a store belongs behind an asynchronous plane (or a worker thread), never on an event loop; when
 * the database does not answer within the plane's time budget the call is denied.
 *
 * <pre>{@code
 * BudgetStore store = new InMemoryBudgetStore(clock, 100_000);
 * BudgetStore.Reservation r = store.tryReserve(key, 1, 20, expiresAt);
 * if (!r.granted()) { deny("budget exceeded: " + r.used() + "/" + r.limit()); }
 * }</pre>
 */
public interface BudgetStore {

    /** The answer of {@link #tryReserve}: granted or not, and the counter's total afterwards. */
    record Reservation(boolean granted, long used, long limit) {}

    /** Atomically adds {@code amount} if {@code used + amount <= limit}. */
    Reservation tryReserve(BudgetKey key, long amount, long limit, Instant expiresAt);

    /** Subtracts {@code amount} (never below zero). */
    void release(BudgetKey key, long amount);

    /** Adds {@code amount} unconditionally; returns the new total. */
    long consume(BudgetKey key, long amount, Instant expiresAt);

    /** Sets the counter to {@code max(current, value)}; returns the previous value (0 when absent). */
    long advanceTo(BudgetKey key, long value, Instant expiresAt);

    /** The current total (0 when absent or expired). */
    long used(BudgetKey key);

    /**
     * The sum of the live counters {@code budget}/{@code subject} whose window starts lie in
     * {@code [fromStart, toStart)} on a grid of {@code step} milliseconds: the closed sub-windows of a sliding window
     * (the rate plane). The default reads each counter; shared stores answer in one round trip.
     */
    default long usedBetween(String budget, String subject, long fromStart, long toStart, long step) {
        if (step <= 0) {
            throw new IllegalArgumentException("step must be positive");
        }
        long sum = 0;
        for (long start = fromStart; start < toStart; start += step) {
            sum += used(new BudgetKey(budget, subject, start));
        }
        return sum;
    }
}

package dev.warden.action;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A {@link BudgetStore} in PostgreSQL, shared by every replica of a service: each operation is one SQL statement,
 * an {@code INSERT … ON CONFLICT DO UPDATE … WHERE used + amount <= limit}, so the row lock PostgreSQL takes for the
 * upsert makes a reservation atomic across processes without any application-level locking ({@link #advanceTo}
 * locks the row and raises it in one transaction). Windows are part of
 * the key; expired rows are ignored by reads and removed by {@link #sweep()}.
 *
 * <p>Fail closed: a database error surfaces as {@link BudgetStoreException}, which the plane turns into a deny.
 * Blocking JDBC: call from worker threads (the agent loop's tools and planes run there in the Quarkus starter).
 *
 * <pre>{@code
 * BudgetStore budgets = new JdbcBudgetStore(dataSource, Clock.systemUTC());
 * ((JdbcBudgetStore) budgets).createTable();   // or let your migrations create it: see TABLE_DDL
 * }</pre>
 */
public final class JdbcBudgetStore implements BudgetStore {
    /** The table, for migrations. */
    public static final String TABLE_DDL = """
            CREATE TABLE IF NOT EXISTS warden_budget_counter (
                budget       text        NOT NULL,
                subject      text        NOT NULL,
                window_start bigint      NOT NULL,
                used         bigint      NOT NULL CHECK (used >= 0),
                expires_at   timestamptz NOT NULL,
                PRIMARY KEY (budget, subject, window_start))""";

    private static final String RESERVE = """
            INSERT INTO warden_budget_counter AS c (budget, subject, window_start, used, expires_at)
            SELECT ?, ?, ?, ?, ? WHERE ? <= ?
            ON CONFLICT (budget, subject, window_start) DO UPDATE SET used = c.used + EXCLUDED.used
            WHERE c.used + EXCLUDED.used <= ?
            RETURNING used""";
    private static final String CONSUME = """
            INSERT INTO warden_budget_counter AS c (budget, subject, window_start, used, expires_at)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (budget, subject, window_start) DO UPDATE SET used = c.used + EXCLUDED.used
            RETURNING used""";
    private static final String LOCK = """
            SELECT used FROM warden_budget_counter
            WHERE budget = ? AND subject = ? AND window_start = ? FOR UPDATE""";
    private static final String ADVANCE = """
            INSERT INTO warden_budget_counter AS c (budget, subject, window_start, used, expires_at)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (budget, subject, window_start) DO UPDATE SET used = GREATEST(c.used, EXCLUDED.used)""";
    private static final String RELEASE = """
            UPDATE warden_budget_counter SET used = GREATEST(used - ?, 0)
            WHERE budget = ? AND subject = ? AND window_start = ?""";
    private static final String USED = """
            SELECT used FROM warden_budget_counter
            WHERE budget = ? AND subject = ? AND window_start = ? AND expires_at > ?""";
    private static final String USED_BETWEEN = """
            SELECT COALESCE(SUM(used), 0) FROM warden_budget_counter
            WHERE budget = ? AND subject = ? AND window_start >= ? AND window_start < ? AND expires_at > ?""";
    private static final String SWEEP = "DELETE FROM warden_budget_counter WHERE expires_at <= ?";

    private final DataSource dataSource;
    private final Clock clock;

    public JdbcBudgetStore(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Creates the table if it does not exist (for setups without migrations). */
    public void createTable() {
        run("create the budget table", c -> {
            try (Statement s = c.createStatement()) {
                s.execute(TABLE_DDL);
            }
            return null;
        });
    }

    @Override
    public Reservation tryReserve(BudgetKey key, long amount, long limit, Instant expiresAt) {
        return run("reserve " + key.budget(), c -> {
            try (PreparedStatement ps = c.prepareStatement(RESERVE)) {
                int i = bindKey(ps, 1, key);
                ps.setLong(i++, amount);
                ps.setTimestamp(i++, Timestamp.from(expiresAt));
                ps.setLong(i++, amount);
                ps.setLong(i++, limit);
                ps.setLong(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return new Reservation(true, rs.getLong(1), limit);
                    }
                }
            }
            return new Reservation(false, usedOn(c, key), limit);
        });
    }

    @Override
    public void release(BudgetKey key, long amount) {
        run("release " + key.budget(), c -> {
            try (PreparedStatement ps = c.prepareStatement(RELEASE)) {
                ps.setLong(1, amount);
                bindKey(ps, 2, key);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public long consume(BudgetKey key, long amount, Instant expiresAt) {
        return run("consume " + key.budget(), c -> {
            try (PreparedStatement ps = c.prepareStatement(CONSUME)) {
                int i = bindKey(ps, 1, key);
                ps.setLong(i++, amount);
                ps.setTimestamp(i, Timestamp.from(expiresAt));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public long advanceTo(BudgetKey key, long value, Instant expiresAt) {
        return run("advance " + key.budget(), c -> {
            // two statements, one transaction: the row lock makes read-then-raise atomic across replicas
            c.setAutoCommit(false);
            try {
                long previous = 0;
                try (PreparedStatement lock = c.prepareStatement(LOCK)) {
                    bindKey(lock, 1, key);
                    try (ResultSet rs = lock.executeQuery()) {
                        previous = rs.next() ? rs.getLong(1) : 0;
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(ADVANCE)) {
                    int i = bindKey(ps, 1, key);
                    ps.setLong(i++, value);
                    ps.setTimestamp(i, Timestamp.from(expiresAt));
                    ps.executeUpdate();
                }
                c.commit();
                return previous;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        });
    }

    @Override
    public long used(BudgetKey key) {
        return run("read " + key.budget(), c -> usedOn(c, key));
    }

    /** One statement over the primary key's prefix (the grid is implied: only grid-aligned rows are ever written). */
    @Override
    public long usedBetween(String budget, String subject, long fromStart, long toStart, long step) {
        return run("read " + budget, c -> {
            try (PreparedStatement ps = c.prepareStatement(USED_BETWEEN)) {
                ps.setString(1, budget);
                ps.setString(2, subject);
                ps.setLong(3, fromStart);
                ps.setLong(4, toStart);
                ps.setTimestamp(5, Timestamp.from(clock.instant()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Deletes expired counters; returns how many. */
    public int sweep() {
        return run("sweep budgets", c -> {
            try (PreparedStatement ps = c.prepareStatement(SWEEP)) {
                ps.setTimestamp(1, Timestamp.from(clock.instant()));
                return ps.executeUpdate();
            }
        });
    }

    private long usedOn(Connection c, BudgetKey key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(USED)) {
            int i = bindKey(ps, 1, key);
            ps.setTimestamp(i, Timestamp.from(clock.instant()));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static int bindKey(PreparedStatement ps, int from, BudgetKey key) throws SQLException {
        ps.setString(from, key.budget());
        ps.setString(from + 1, key.subject());
        ps.setLong(from + 2, key.windowStart());
        return from + 3;
    }

    private interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    private <T> T run(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            return work.apply(c);
        } catch (SQLException e) {
            throw new BudgetStoreException("budget store: cannot " + what + ": " + e.getMessage(), e);
        }
    }
}

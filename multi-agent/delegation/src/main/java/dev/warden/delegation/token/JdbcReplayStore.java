package dev.warden.delegation.token;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A {@link ReplayStore} in PostgreSQL, shared by every replica and surviving restarts. A claim is one statement,
 * {@code INSERT … ON CONFLICT (jti) DO UPDATE … WHERE the row has expired}: PostgreSQL's unique index makes exactly
 * one of any number of concurrent claims of an id succeed, across processes, without application locks. Expired rows
 * are deleted at most once a minute, by the claim that notices a sweep is due.
 *
 * <p>Fail closed: a database error or a statement exceeding {@code timeout} throws {@link ReplayStoreException}; the
 * token is refused. Blocking JDBC: call from worker threads. The table ({@value #TABLE}) is created by the Warden
 * PostgreSQL migrations; without them it is created on first use ({@link #TABLE_DDL}).
 *
 * <pre>{@code
 * ReplayStore replay = new JdbcReplayStore(dataSource, "public", Clock.systemUTC(), Duration.ofSeconds(5));
 * }</pre>
 */
public final class JdbcReplayStore implements ReplayStore {
    /** Table name (in the configured schema). */
    public static final String TABLE = "warden_delegation_replay";
    /** The table, for migrations. */
    public static final String TABLE_DDL = """
            CREATE TABLE IF NOT EXISTS %1$s (
                jti        text        PRIMARY KEY,
                expires_at timestamptz NOT NULL);
            CREATE INDEX IF NOT EXISTS %2$s_expiry ON %1$s (expires_at)""";
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    private final DataSource dataSource;
    private final String schema;
    private final String table;
    private final Clock clock;
    private final int timeoutSeconds;
    private final String claimSql;
    private final String sweepSql;
    private volatile boolean tableReady;
    private volatile Instant nextSweep = Instant.MIN;

    /**
     * @param schema lower-case SQL identifier of the schema holding the table
     * @param timeout longest a statement may run (rounded up to whole seconds, at least one)
     */
    public JdbcReplayStore(DataSource dataSource, String schema, Clock clock, Duration timeout) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        if (schema == null || !IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema must be a lower-case SQL identifier: " + schema);
        }
        this.schema = schema;
        this.table = schema + "." + TABLE;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeoutSeconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
        this.claimSql = "INSERT INTO " + table + " AS r (jti, expires_at) VALUES (?, ?) "
                + "ON CONFLICT (jti) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE r.expires_at <= ?";
        this.sweepSql = "DELETE FROM " + table + " WHERE expires_at <= ?";
    }

    @Override
    public Claim claim(String jti, Instant expiresAt) {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            ensureTable(c);
            if (!now.isBefore(nextSweep)) {
                sweep(c, now);
                nextSweep = now.plus(SWEEP_INTERVAL);
            }
            try (PreparedStatement ps = c.prepareStatement(claimSql)) {
                ps.setQueryTimeout(timeoutSeconds);
                ps.setString(1, jti);
                ps.setTimestamp(2, Timestamp.from(expiresAt));
                ps.setTimestamp(3, Timestamp.from(now));
                return ps.executeUpdate() == 1 ? Claim.FIRST_USE : Claim.REPLAYED;
            }
        } catch (SQLException | RuntimeException e) {
            throw new ReplayStoreException("replay store (PostgreSQL " + table + ") unavailable: " + e.getMessage(),
                    e);
        }
    }

    /** Deletes expired ids now; returns how many. */
    public int sweep() {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            ensureTable(c);
            return sweep(c, clock.instant());
        } catch (SQLException e) {
            throw new ReplayStoreException("replay store (PostgreSQL " + table + ") unavailable: " + e.getMessage(),
                    e);
        }
    }

    private int sweep(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sweepSql)) {
            ps.setQueryTimeout(timeoutSeconds);
            ps.setTimestamp(1, Timestamp.from(now));
            return ps.executeUpdate();
        }
    }

    /** Creates the table only if it is missing, so a role without DDL rights works once migrations created it. */
    private void ensureTable(Connection c) throws SQLException {
        if (tableReady) {
            return;
        }
        boolean exists;
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setQueryTimeout(timeoutSeconds);
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                exists = rs.next() && rs.getBoolean(1);
            }
        }
        if (!exists) {
            // concurrent CREATE ... IF NOT EXISTS can still collide in the catalog: one creator at a time
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.setQueryTimeout(timeoutSeconds);
                s.execute("SELECT pg_advisory_xact_lock(hashtext('" + table + "'))");
                s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
                for (String ddl : TABLE_DDL.formatted(table, TABLE).split(";")) {
                    s.execute(ddl);
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        tableReady = true;
    }
}

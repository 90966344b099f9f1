package dev.warden.quarkus.postgres;

import dev.warden.core.audit.DecisionRecord;
import dev.warden.testing.postgres.LocalPostgres;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** A fresh schema on the shared local PostgreSQL, reactive pools onto it, and decision records to write. */
final class PostgresFixture implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    final LocalPostgres pg = LocalPostgres.shared();
    final String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    final Vertx vertx = Vertx.vertx();
    private final List<Pool> pools = new ArrayList<>();

    PostgresFixture() {
        WardenPostgresSchema.migrate(pg.dataSource(), schema);
    }

    /** A new pool, as a new process or replica would open. */
    Pool newPool(int size) {
        PgConnectOptions connect = PgConnectOptions.fromUri(pg.reactiveUrl()).setUser(pg.username())
                .setPassword(pg.password()).setPipeliningLimit(256)
                .setCachePreparedStatements(true); // as Quarkus configures PostgreSQL pools by default
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(size)).connectingTo(connect).using(vertx)
                .build();
        pools.add(pool);
        return pool;
    }

    AuditStoreOptions options() {
        return AuditStoreOptions.defaults().withSchema(schema);
    }

    /** Runs SQL as the superuser (an attacker with database access, or an operator). */
    int sql(String statement) {
        try (Connection c = pg.superuserConnection(); Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + schema);
            s.execute(statement);
            return s.getUpdateCount();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long count(String where) {
        try (Connection c = pg.superuserConnection(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT count(*) FROM " + schema + ".warden_audit_record WHERE " + where);
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static DecisionRecord record(String tenant, String run, int i) {
        return new DecisionRecord(null, tenant, null, null, T0.plusMillis(i).toString(), null, null, run, i,
                "TOOL_CALL", "user-" + (i % 3), "agent-" + (i % 2), List.of(), "send_money", "call-" + i,
                "digest-" + i, Map.of("amount", i), null, i % 5 == 0 ? "DENY" : "ALLOW", null, "reason " + i,
                List.of("rule-" + i), List.of("banking"), List.of(), null, null, 10L + i);
    }

    @Override
    public void close() {
        pools.forEach(p -> p.close());
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}

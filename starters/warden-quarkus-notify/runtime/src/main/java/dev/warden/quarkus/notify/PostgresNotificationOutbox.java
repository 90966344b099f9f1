package dev.warden.quarkus.notify;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.warden.core.audit.CanonicalJson;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The outbox shared by every replica, in PostgreSQL ({@code warden_notification_outbox} in the stores' schema). A
 * delivery's id is the primary key, so adding the same event from several replicas keeps one row; a claim is one
 * {@code UPDATE … WHERE delivery_id IN (SELECT … FOR UPDATE SKIP LOCKED) RETURNING …}, so each due row goes to one
 * replica, leased until the database's {@code now() + lease} (one clock for all replicas); a lease that runs out
 * (the replica died) lets another replica send it again, with the same idempotency key.
 *
 * <p>The table is created at first use ({@code CREATE TABLE IF NOT EXISTS} under a transaction-scoped advisory lock,
 * safe with replicas starting together). Blocking: call from worker threads, never from a Vert.x event loop.
 */
public final class PostgresNotificationOutbox implements NotificationOutbox {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private final Pool pool;
    private final Duration timeout;
    private final String table;

    public PostgresNotificationOutbox(Pool pool, String schema, Duration timeout) {
        if (!IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException(NotifyCodes.message(NotifyCodes.BAD_CONFIG, "schema '" + schema
                    + "' is not a lower-case SQL identifier"));
        }
        this.pool = pool;
        this.timeout = timeout;
        this.table = schema + ".warden_notification_outbox";
        createTable(schema);
    }

    private void createTable(String schema) {
        String ddl = "CREATE TABLE IF NOT EXISTS " + table + " (delivery_id text PRIMARY KEY, notice_id text NOT NULL,"
                + " approval_id text NOT NULL, channel text NOT NULL, status text NOT NULL DEFAULT 'WAITING',"
                + " notice jsonb NOT NULL, recipients jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),"
                + " leased_until timestamptz, attempts int NOT NULL DEFAULT 0, settled_at timestamptz,"
                + " last_error text)";
        if (await(pool.preparedQuery("SELECT to_regclass($1) IS NOT NULL AS present").execute(Tuple.of(table)))
                .iterator().next().getBoolean("present")) {
            return; // already there: no DDL, no lock, no notices in the log
        }
        await(pool.withTransaction(c -> c.query("SELECT pg_advisory_xact_lock(hashtext('" + table + "'))").execute()
                .compose(x -> c.query("CREATE SCHEMA IF NOT EXISTS " + schema).execute())
                .compose(x -> c.query(ddl).execute())
                .compose(x -> c.query("CREATE INDEX IF NOT EXISTS warden_notification_outbox_due ON " + table
                        + " (created_at) WHERE status = 'WAITING'").execute())
                .compose(x -> c.query("CREATE INDEX IF NOT EXISTS warden_notification_outbox_notice ON " + table
                        + " (notice_id)").execute())));
    }

    @Override
    public List<Delivery> add(List<Delivery> deliveries) {
        List<Delivery> added = new ArrayList<>();
        String sql = "INSERT INTO " + table + " (delivery_id, notice_id, approval_id, channel, notice, recipients)"
                + " VALUES ($1, $2, $3, $4, $5::text::jsonb, $6::text::jsonb) ON CONFLICT (delivery_id) DO NOTHING"
                + " RETURNING delivery_id";
        for (Delivery d : deliveries) {
            Tuple t = Tuple.of(d.id(), d.notice().id(), d.notice().approvalId(), d.channel(), d.notice().toJson(),
                    json(d.recipients()));
            if (await(pool.preparedQuery(sql).execute(t)).rowCount() > 0) {
                added.add(d);
            }
        }
        return added;
    }

    @Override
    public List<Delivery> claim(int max, Duration lease) {
        String sql = "UPDATE " + table + " SET leased_until = now() + $2 * interval '1 millisecond',"
                + " attempts = attempts + 1 WHERE delivery_id IN (SELECT delivery_id FROM " + table
                + " WHERE status = 'WAITING' AND (leased_until IS NULL OR leased_until <= now())"
                + " ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)"
                + " RETURNING delivery_id, channel, notice::text AS notice, recipients::text AS recipients";
        List<Delivery> out = new ArrayList<>();
        for (Row r : await(pool.preparedQuery(sql).execute(Tuple.of(max, lease.toMillis())))) {
            out.add(new Delivery(r.getString("delivery_id"), r.getString("channel"),
                    ApprovalNotice.fromJson(r.getString("notice")), recipients(r.getString("recipients"))));
        }
        return out;
    }

    @Override
    public void sent(String deliveryId) {
        await(pool.preparedQuery("UPDATE " + table + " SET status = 'SENT', settled_at = now() WHERE delivery_id = $1")
                .execute(Tuple.of(deliveryId)));
    }

    @Override
    public void failed(String deliveryId, String error) {
        await(pool.preparedQuery("UPDATE " + table + " SET status = 'FAILED', settled_at = now(), last_error = $2"
                + " WHERE delivery_id = $1").execute(Tuple.of(deliveryId, error)));
    }

    @Override
    public boolean knows(String noticeId) {
        return await(pool.preparedQuery("SELECT 1 FROM " + table + " WHERE notice_id = $1 LIMIT 1")
                .execute(Tuple.of(noticeId))).rowCount() > 0;
    }

    private static String json(List<String> recipients) {
        try {
            return CanonicalJson.MAPPER.writeValueAsString(recipients);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> recipients(String json) {
        try {
            return CanonicalJson.MAPPER.readValue(json, new TypeReference<List<String>>() {});
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T await(Future<T> future) {
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            throw new IllegalStateException(NotifyCodes.message(NotifyCodes.OUTBOX_FAILED,
                    "the notification outbox blocks and was called on a Vert.x event loop"));
        }
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(NotifyCodes.message(NotifyCodes.OUTBOX_FAILED, "notification outbox: "
                    + e.getCause().getMessage()), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(NotifyCodes.message(NotifyCodes.OUTBOX_FAILED,
                    "notification outbox: no answer from PostgreSQL within " + timeout), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(NotifyCodes.message(NotifyCodes.OUTBOX_FAILED, "interrupted"), e);
        }
    }
}

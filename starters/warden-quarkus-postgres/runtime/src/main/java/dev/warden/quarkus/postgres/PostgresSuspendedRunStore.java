package dev.warden.quarkus.postgres;

import dev.warden.core.agent.PendingApproval;
import dev.warden.core.agent.SuspendedRun;
import dev.warden.spi.SuspendedRunStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs suspended for approval, in PostgreSQL, shared by every replica of a service. The run's full state
 * ({@link SuspendedRun#toJson()}) is one {@code jsonb} row; {@link #claim} is a single compare-and-set
 * {@code UPDATE … SET status = 'CLAIMED' WHERE approval_id = $1 AND status = 'PENDING' RETURNING …}, so of any
 * number of concurrent claims, on any number of replicas, exactly one gets the run. Claimed rows stay (as the
 * record that the approval was resolved) so {@link #isResolved} can tell "already resolved" from "unknown".
 *
 * <p>Threading: blocking; call from worker or virtual threads, never from a Vert.x event loop.
 *
 * <pre>{@code
 * SuspendedRunStore store = new PostgresSuspendedRunStore(pool, "public", Duration.ofSeconds(10));
 * GovernedAgent agent = GovernedAgent.builder().store(store)...build();
 * }</pre>
 */
public final class PostgresSuspendedRunStore implements SuspendedRunStore {
    private final Pool pool;
    private final Duration timeout;
    private final String save;
    private final String find;
    private final String claim;
    private final String resolved;
    private final String resolvedInTenant;
    private final String pending;

    public PostgresSuspendedRunStore(Pool pool, String schema, Duration timeout) {
        this.pool = pool;
        this.timeout = timeout;
        String table = SqlIdentifiers.requireValid(schema) + ".warden_approval";
        // run_state goes through text: a Java String bound straight to jsonb would be stored as a JSON string.
        save = "INSERT INTO " + table + " (approval_id, tenant, agent_id, run_id, requester_id, status, requested_at,"
                + " expires_at, run_state) VALUES ($1, $2, $3, $4, $5, 'PENDING', $6, $7, $8::text::jsonb)"
                + " ON CONFLICT (approval_id) DO UPDATE SET run_state = EXCLUDED.run_state,"
                + " expires_at = EXCLUDED.expires_at WHERE " + table + ".status = 'PENDING'";
        find = "SELECT run_state::text AS run_state FROM " + table + " WHERE approval_id = $1 AND status = 'PENDING'";
        claim = "UPDATE " + table + " SET status = 'CLAIMED', claimed_at = now() WHERE approval_id = $1"
                + " AND status = 'PENDING' RETURNING run_state::text AS run_state";
        resolved = "SELECT 1 FROM " + table + " WHERE approval_id = $1 AND status = 'CLAIMED'";
        resolvedInTenant = resolved + " AND tenant = $2";
        pending = "SELECT run_state::text AS run_state FROM " + table + " WHERE status = 'PENDING'"
                + " AND ($1::text IS NULL OR tenant = $1) ORDER BY requested_at, approval_id";
    }

    /**
     * Stores a run as PENDING. Saving an id again replaces a still-pending run; a claimed one is never revived.
     *
     * @throws IllegalStateException with {@link PostgresStoreCodes#APPROVAL_WRITE_FAILED} if it was not committed
     */
    @Override
    public void save(SuspendedRun run) {
        Blocking.refuseEventLoop("PostgresSuspendedRunStore.save");
        PendingApproval a = run.approval();
        Tuple params = Tuple.tuple().addString(a.approvalId()).addString(a.tenant()).addString(a.agentId())
                .addString(a.runId()).addString(a.requesterId())
                .addOffsetDateTime(a.requestedAt().atOffset(ZoneOffset.UTC))
                .addOffsetDateTime(a.expiresAt().atOffset(ZoneOffset.UTC)).addString(run.toJson());
        await(pool.preparedQuery(save).execute(params), PostgresStoreCodes.APPROVAL_WRITE_FAILED);
    }

    @Override
    public Optional<SuspendedRun> find(String approvalId) {
        Blocking.refuseEventLoop("PostgresSuspendedRunStore.find");
        if (approvalId == null) {
            return Optional.empty();
        }
        return first(await(pool.preparedQuery(find).execute(Tuple.of(approvalId)), PostgresStoreCodes.READ_FAILED));
    }

    /** Exactly one of any number of concurrent calls for a pending id returns the run. */
    @Override
    public Optional<SuspendedRun> claim(String approvalId) {
        Blocking.refuseEventLoop("PostgresSuspendedRunStore.claim");
        if (approvalId == null) {
            return Optional.empty();
        }
        return first(await(pool.preparedQuery(claim).execute(Tuple.of(approvalId)),
                PostgresStoreCodes.APPROVAL_WRITE_FAILED));
    }

    @Override
    public boolean isResolved(String approvalId) {
        Blocking.refuseEventLoop("PostgresSuspendedRunStore.isResolved");
        return approvalId != null && await(pool.preparedQuery(resolved).execute(Tuple.of(approvalId)),
                PostgresStoreCodes.READ_FAILED).rowCount() > 0;
    }

    @Override
    public boolean isResolved(String approvalId, String tenant) {
        Blocking.refuseEventLoop("PostgresSuspendedRunStore.isResolved");
        return approvalId != null && tenant != null && await(pool.preparedQuery(resolvedInTenant)
                .execute(Tuple.of(approvalId, tenant)), PostgresStoreCodes.READ_FAILED).rowCount() > 0;
    }

    /** Pending approvals of {@code tenant} ({@code null}: all tenants), oldest first. */
    @Override
    public List<PendingApproval> pending(String tenant) {
        Blocking.refuseEventLoop("PostgresSuspendedRunStore.pending");
        List<PendingApproval> out = new ArrayList<>();
        for (Row row : await(pool.preparedQuery(pending).execute(Tuple.tuple().addString(tenant)),
                PostgresStoreCodes.READ_FAILED)) {
            out.add(SuspendedRun.fromJson(row.getString("run_state")).approval());
        }
        return out;
    }

    private static Optional<SuspendedRun> first(RowSet<Row> rows) {
        for (Row row : rows) {
            return Optional.of(SuspendedRun.fromJson(row.getString("run_state")));
        }
        return Optional.empty();
    }

    private <T> T await(Future<T> future, String code) {
        return Blocking.await(future, timeout, e -> new IllegalStateException(PostgresStoreCodes.message(code,
                "approval store: " + e.getMessage()), e));
    }
}

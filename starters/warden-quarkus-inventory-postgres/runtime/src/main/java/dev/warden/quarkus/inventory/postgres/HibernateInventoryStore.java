package dev.warden.quarkus.inventory.postgres;

import dev.warden.quarkus.inventory.InventoryModel.Agent;
import dev.warden.quarkus.inventory.InventoryModel.Edge;
import dev.warden.quarkus.inventory.InventoryModel.Instance;
import dev.warden.quarkus.inventory.InventoryModel.McpServer;
import dev.warden.quarkus.inventory.InventoryModel.PolicyVersion;
import dev.warden.quarkus.inventory.InventoryModel.Registration;
import dev.warden.quarkus.inventory.InventoryModel.Suspension;
import dev.warden.quarkus.inventory.InventoryModel.Undeclared;
import dev.warden.quarkus.inventory.InventoryStore;
import dev.warden.quarkus.inventory.SuspensionTarget;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The shared inventory on PostgreSQL with Hibernate Reactive and Panache. Every operation runs in its own session on
 * its own duplicated Vert.x context ({@link VertxHop}) and chains its statements one after another (a reactive
 * session is not safe for concurrent use). Replicas of one service register under a per-service advisory lock; the
 * schema keeps the rest correct — a unique (service, set, fingerprint) per policy version, one active suspension per
 * target (partial unique index) — and a losing writer retries and then finds the winner's row. Counters of undeclared activity are added with one native
 * {@code INSERT … ON CONFLICT DO UPDATE}, so concurrent replicas never lose an increment.
 */
public final class HibernateInventoryStore implements InventoryStore {
    private final Vertx vertx;
    private final SuspensionNotifications notifications;
    /** What each instance of this process last registered in full; a heartbeat that changes nothing else is cheap. */
    private final Map<String, Registration> registered = new ConcurrentHashMap<>();

    public HibernateInventoryStore(Vertx vertx, SuspensionNotifications notifications) {
        this.vertx = vertx;
        this.notifications = notifications;
    }

    private <T> Uni<T> tx(Supplier<Uni<T>> work) {
        return VertxHop.run(vertx, () -> Panache.withTransaction(work))
                .onFailure().retry().withBackOff(Duration.ofMillis(20), Duration.ofMillis(200)).atMost(3);
    }

    private <T> Uni<T> read(Supplier<Uni<T>> work) {
        return VertxHop.run(vertx, () -> Panache.withSession(work));
    }

    /** Applies {@code step} to each item in turn on the one session (never concurrently). */
    private static <I> Uni<Void> each(List<I> items, Function<I, Uni<?>> step) {
        return Multi.createFrom().iterable(items).onItem().transformToUniAndConcatenate(step).collect().asList()
                .replaceWithVoid();
    }

    private static <E> Uni<E> merge(E entity) {
        return Panache.getSession().chain(s -> s.merge(entity));
    }

    @Override
    public Uni<Void> register(Registration r) {
        Registration last = registered.get(r.instance().instanceId());
        boolean unchanged = last != null && last.agents().equals(r.agents()) && last.policies().equals(r.policies())
                && last.mcpServers().equals(r.mcpServers()) && last.edges().equals(r.edges());
        Uni<Void> write = unchanged ? tx(() -> heartbeatOnly(r)) : tx(() -> full(r));
        return write.invoke(() -> registered.put(r.instance().instanceId(), r));
    }

    private Uni<Void> heartbeatOnly(Registration r) {
        return InstanceRow.<InstanceRow>findById(r.instance().instanceId()).chain(row -> {
            if (row == null) {
                return full(r);
            }
            row.lastHeartbeat = r.instance().lastHeartbeat();
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> full(Registration r) {
        Instant now = r.instance().lastHeartbeat();
        List<String> agentKeys = r.agents().stream().map(a -> Rows.agentKey(a.service(), a.agentId())).toList();
        return serviceLock(r.instance().service())
                .chain(() -> each(r.agents(), a -> merge(Rows.row(a, now))))
                .chain(() -> agentKeys.isEmpty() ? Uni.createFrom().item(0L)
                        : ToolRow.delete("agentKey in ?1", agentKeys))
                .chain(() -> Panache.getSession().chain(s -> s.flush()))
                .chain(() -> each(r.agents().stream().flatMap(a -> a.tools().stream().map(t -> Rows.row(a, t)))
                        .toList(), t -> t.persist()))
                .chain(() -> each(r.mcpServers(), m -> merge(Rows.row(m))))
                .chain(() -> each(r.edges(), this::upsertEdge))
                .chain(() -> each(r.policies(), this::addVersion))
                .chain(() -> merge(Rows.row(r.instance())))
                .replaceWithVoid();
    }

    /**
     * Replicas of one service register the same rows; a transaction-scoped advisory lock per service makes them take
     * turns (the next one then sees the rows committed before it), instead of racing into unique-key violations.
     */
    private static Uni<Object> serviceLock(String service) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "SELECT 1 FROM pg_advisory_xact_lock(hashtext('warden_inv:' || ?1))").setParameter(1, service)
                .getSingleResult());
    }

    private Uni<Void> upsertEdge(Edge e) {
        return EdgeRow.<EdgeRow>findById(e.key()).chain(row -> row == null
                ? Rows.row(new EdgeRow(), e).persist().replaceWithVoid()
                : Uni.createFrom().item(Rows.row(row, e)).replaceWithVoid()); // managed: flushed on commit
    }

    private Uni<Void> addVersion(PolicyVersion v) {
        return PolicyVersionRow.count("service = ?1 and policySet = ?2 and fingerprint = ?3", v.service(),
                v.policySet(), v.fingerprint())
                .chain(n -> n > 0 ? Uni.createFrom().voidItem() : Rows.row(v).persist().replaceWithVoid());
    }

    @Override
    public Uni<List<Agent>> agents() {
        return read(() -> AgentRow.<AgentRow>listAll(Sort.by("agentId").and("service"))
                .chain(agents -> ToolRow.<ToolRow>listAll(Sort.by("name")).map(tools -> {
                    Map<String, List<ToolRow>> byAgent = tools.stream()
                            .collect(Collectors.groupingBy(t -> t.agentKey));
                    return agents.stream().map(a -> Rows.agent(a, byAgent.getOrDefault(a.key, List.of()))).toList();
                })));
    }

    @Override
    public Uni<List<Instance>> instances() {
        return read(() -> InstanceRow.<InstanceRow>listAll(Sort.by("service").and("instanceId"))
                .map(rows -> rows.stream().map(Rows::instance).toList()));
    }

    @Override
    public Uni<List<PolicyVersion>> policyVersions() {
        return read(() -> PolicyVersionRow.<PolicyVersionRow>listAll(Sort.by("id"))
                .map(rows -> rows.stream().map(Rows::version).toList()));
    }

    @Override
    public Uni<List<McpServer>> mcpServers() {
        return read(() -> McpServerRow.<McpServerRow>listAll(Sort.by("serverId").and("service"))
                .map(rows -> rows.stream().map(Rows::mcp).toList()));
    }

    @Override
    public Uni<List<Edge>> edges() {
        return read(() -> EdgeRow.<EdgeRow>listAll(Sort.by("fromAgent").and("toAgent"))
                .map(rows -> rows.stream().map(Rows::edge).toList()));
    }

    @Override
    public Uni<Suspension> suspend(SuspensionTarget target, String targetId, String reason, String by, Instant at) {
        return tx(() -> active(target, targetId).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(existing);
            }
            SuspensionRow row = new SuspensionRow();
            row.id = UUID.randomUUID().toString();
            row.target = target.wire();
            row.targetId = targetId;
            row.reason = reason;
            row.suspendedBy = by;
            row.suspendedAt = at;
            return row.<SuspensionRow>persist().call(this::notifyChange);
        })).map(Rows::suspension);
    }

    @Override
    public Uni<Optional<Suspension>> lift(SuspensionTarget target, String targetId, String by, Instant at) {
        return tx(() -> active(target, targetId).chain(row -> {
            if (row == null) {
                return Uni.createFrom().item(Optional.<Suspension>empty());
            }
            row.liftedBy = by;
            row.liftedAt = at;
            return notifyChange().map(ok -> Optional.of(Rows.suspension(row)));
        }));
    }

    private static Uni<SuspensionRow> active(SuspensionTarget target, String targetId) {
        return SuspensionRow.<SuspensionRow>find("target = ?1 and targetId = ?2 and liftedAt is null", target.wire(),
                targetId).firstResult();
    }

    /** {@code NOTIFY} inside the transaction: PostgreSQL delivers it on commit, so no replica reads too early. */
    private Uni<Integer> notifyChange() {
        return Panache.getSession().chain(s -> s.createNativeQuery("NOTIFY " + SuspensionNotifications.CHANNEL)
                .executeUpdate());
    }

    @Override
    public Uni<List<Suspension>> suspensions(boolean activeOnly) {
        return read(() -> (activeOnly
                ? SuspensionRow.<SuspensionRow>list("liftedAt is null", Sort.descending("suspendedAt"))
                : SuspensionRow.<SuspensionRow>listAll(Sort.descending("suspendedAt")))
                .map(rows -> rows.stream().map(Rows::suspension).toList()));
    }

    @Override
    public Uni<Void> recordUndeclared(List<Undeclared> observed) {
        return tx(() -> each(observed, u -> Panache.getSession().chain(s -> s.createNativeQuery(
                "INSERT INTO warden_inv_undeclared (undeclared_key, service, agent_id, kind, name, first_seen, "
                        + "last_seen, count, refused) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                        + "ON CONFLICT (undeclared_key) DO UPDATE SET last_seen = GREATEST(warden_inv_undeclared"
                        + ".last_seen, excluded.last_seen), count = warden_inv_undeclared.count + excluded.count, "
                        + "refused = warden_inv_undeclared.refused + excluded.refused")
                .setParameter(1, u.service() + "/" + u.agentId() + "/" + u.kind() + "/" + u.name())
                .setParameter(2, u.service()).setParameter(3, u.agentId()).setParameter(4, u.kind())
                .setParameter(5, u.name()).setParameter(6, u.firstSeen()).setParameter(7, u.lastSeen())
                .setParameter(8, u.count()).setParameter(9, u.refused()).executeUpdate())));
    }

    @Override
    public Uni<List<Undeclared>> undeclared() {
        return read(() -> UndeclaredRow.<UndeclaredRow>listAll(Sort.by("agentId").and("name"))
                .map(rows -> rows.stream().map(Rows::undeclared).toList()));
    }

    @Override
    public void onSuspensionChange(Runnable listener) {
        notifications.listen(listener);
    }
}

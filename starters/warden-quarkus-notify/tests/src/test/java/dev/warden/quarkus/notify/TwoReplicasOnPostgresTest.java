package dev.warden.quarkus.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.agent.ApprovalOutcome;
import dev.warden.core.agent.PendingApproval;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.core.testing.TestClock;
import dev.warden.testing.postgres.LocalPostgres;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas sharing PostgreSQL — each with its own pool, outbox and notifier, both scanning the same pending
 * approvals at the same moments — send one notification per event, and a delivery whose replica died is sent by the
 * other once its lease runs out, with the same idempotency key.
 */
class TwoReplicasOnPostgresTest {
    final LocalPostgres pg = LocalPostgres.shared();
    final String schema = "n_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
            .toLowerCase(Locale.ROOT);
    final Vertx vertx = Vertx.vertx();
    final List<Pool> pools = new ArrayList<>();
    final TestClock clock = TestClock.at("2026-12-05T10:00:00Z");
    final List<PendingApproval> pending = new CopyOnWriteArrayList<>();
    final List<NotificationEngine> engines = new ArrayList<>();
    WebhookReceiver receiver;

    Pool pool() {
        PgConnectOptions connect = PgConnectOptions.fromUri(pg.reactiveUrl()).setUser(pg.username())
                .setPassword(pg.password());
        Pool p = PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(connect).using(vertx).build();
        pools.add(p);
        return p;
    }

    NotificationEngine replica(NotificationOutbox outbox) {
        Deliveries deliveries = WebhookDeliveryTest.deliveries(receiver, 2, Duration.ofSeconds(5));
        Routes routes = new Routes(Map.of("ops", Set.of()), null, Map.of(), List.of());
        NotificationEngine e = new NotificationEngine(outbox, Notices.factory(false, List.of()), routes, deliveries,
                new DueEvents(null, Duration.ofMinutes(15), List.of("head-of-payments")), () -> List.copyOf(pending),
                new NotificationAudit(new InMemoryAuditSink(), clock), clock, 100, Duration.ofSeconds(10));
        engines.add(e);
        return e;
    }

    @AfterEach
    void stop() {
        engines.forEach(NotificationEngine::close);
        if (receiver != null) {
            receiver.close();
        }
        pools.forEach(Pool::close);
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** Both replicas open their outbox at once (the table is created once) and return the two. */
    List<NotificationOutbox> twoOutboxes() {
        var a = CompletableFuture.supplyAsync(() -> new PostgresNotificationOutbox(pool(), schema,
                Duration.ofSeconds(10)));
        var b = CompletableFuture.supplyAsync(() -> new PostgresNotificationOutbox(pool(), schema,
                Duration.ofSeconds(10)));
        return List.of(a.join(), b.join());
    }

    @Test
    void two_replicas_scanning_the_same_store_send_one_notification_per_event() throws Exception {
        receiver = new WebhookReceiver();
        List<NotificationOutbox> outboxes = twoOutboxes();
        NotificationEngine a = replica(outboxes.get(0));
        NotificationEngine b = replica(outboxes.get(1));
        PendingApproval p = Notices.approval("ap-1", "PUBLIC/TRUSTED");
        pending.add(p);
        a.add(p, ApprovalNotice.Event.REQUESTED, 0, List.of("manager"), null); // the replica that suspended the run
        bothScan(a, b);
        clock.advance(Duration.ofMinutes(16)); // the escalation falls due on both replicas
        bothScan(a, b);
        pending.clear();
        b.add(p, ApprovalNotice.Event.DECIDED, 0, List.of("manager"), new ApprovalOutcome(
                ApprovalOutcome.Status.APPROVED, "bob", null, clock.instant(), null)); // the replica whose claim won
        bothScan(a, b);
        awaitReceived(3);
        Thread.sleep(300);
        assertThat(receiver.received).extracting(m -> m.get("webhook-id")).containsExactlyInAnyOrder(
                "ap-1:requested/webhook:ops", "ap-1:escalated:1/webhook:ops", "ap-1:decided/webhook:ops");
    }

    @Test
    void a_delivery_claimed_by_a_replica_that_died_is_sent_by_another_after_its_lease() throws Exception {
        receiver = new WebhookReceiver();
        List<NotificationOutbox> outboxes = twoOutboxes();
        NotificationOutbox dead = outboxes.get(0);
        NotificationEngine survivor = replica(outboxes.get(1));
        Delivery d = Delivery.of(Notices.requested("ap-9"), "webhook:ops", List.of());
        assertThat(dead.add(List.of(d))).containsExactly(d);
        assertThat(outboxes.get(1).add(List.of(d))).isEmpty(); // the same event from the other replica: kept once
        long claimedAt = System.nanoTime();
        assertThat(dead.claim(10, Duration.ofMillis(5000))).extracting(Delivery::id).containsExactly(d.id());
        assertThat(outboxes.get(1).claim(10, Duration.ofMillis(500))).isEmpty(); // leased to the dead replica
        long end = System.nanoTime() + Duration.ofSeconds(25).toNanos();
        while (receiver.received.isEmpty() && System.nanoTime() < end) {
            survivor.dispatch(); // the survivor keeps trying, as its scan would
            Thread.sleep(100);
        }
        awaitReceived(1);
        assertThat(Duration.ofNanos(System.nanoTime() - claimedAt)).isGreaterThan(Duration.ofMillis(4800));
        assertThat(receiver.received.peek().get("idempotency-key")).isEqualTo(d.id());
        Thread.sleep(300);
        survivor.dispatch(); // sent: never again
        Thread.sleep(300);
        assertThat(receiver.received).hasSize(1);
    }

    private void bothScan(NotificationEngine a, NotificationEngine b) {
        for (int i = 0; i < 3; i++) {
            CompletableFuture.allOf(CompletableFuture.runAsync(a::tick), CompletableFuture.runAsync(b::tick)).join();
        }
    }

    private void awaitReceived(int n) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (receiver.received.size() < n && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(receiver.received).hasSizeGreaterThanOrEqualTo(n);
    }
}

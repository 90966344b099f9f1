package dev.warden.quarkus.postgres;

import static dev.warden.quarkus.postgres.PostgresFixture.T0;
import static dev.warden.quarkus.postgres.PostgresFixture.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.audit.AuditFilter;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.audit.HashChain;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PostgresAuditStoreTest {
    final PostgresFixture db = new PostgresFixture();

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void appends_are_chained_per_tenant_and_a_new_store_continues_the_chain() {
        try (PostgresAuditStore store = new PostgresAuditStore(db.newPool(2), db.options())) {
            DecisionRecord a1 = store.append(record("bank-a", "run-1", 1));
            DecisionRecord b1 = store.append(record("bank-b", "run-2", 2));
            DecisionRecord a2 = store.append(record("bank-a", "run-1", 3));
            assertThat(a1.seq()).isEqualTo(1);
            assertThat(a1.prevHash()).isEqualTo(HashChain.GENESIS);
            assertThat(b1.seq()).isEqualTo(1);
            assertThat(a2.seq()).isEqualTo(2);
            assertThat(a2.prevHash()).isEqualTo(a1.hash());
            assertThat(a2.hash()).isEqualTo(HashChain.hashOf(a2));
        }
        try (PostgresAuditStore restarted = new PostgresAuditStore(db.newPool(2), db.options())) {
            DecisionRecord a3 = restarted.append(record("bank-a", "run-1", 4));
            assertThat(a3.seq()).isEqualTo(3);
            assertThat(restarted.verify().valid()).isTrue();
            assertThat(restarted.verify().records()).isEqualTo(4);
        }
    }

    @Test
    void a_record_without_tenant_is_chained_as_the_default_tenant() {
        try (PostgresAuditStore store = new PostgresAuditStore(db.newPool(2), db.options())) {
            DecisionRecord r = store.append(record(null, "run-1", 1));
            assertThat(r.tenant()).isEqualTo("default");
            assertThat(store.verify().valid()).isTrue();
        }
    }

    @Test
    void records_stamped_by_a_nanosecond_clock_verify() {
        // PostgreSQL rounds to microseconds; .xxxxxx5 and above used to round up and read as "altered"
        try (PostgresAuditStore store = new PostgresAuditStore(db.newPool(2), db.options())) {
            for (int i = 1; i <= 20; i++) {
                DecisionRecord r = record("bank-n", "run-n", i);
                store.append(new DecisionRecord(null, r.tenant(), null, null,
                        T0.plusNanos(i * 100_000L + 999).toString(), null, null, r.runId(), r.step(),
                        r.checkpoint(), r.userId(), r.agentId(), r.chain(), r.tool(), r.toolCallId(), r.argsDigest(),
                        r.args(), r.contentDigest(), r.outcome(), r.code(), r.reason(), r.ruleIds(), r.policies(),
                        r.planes(), r.labelsBefore(), r.labelsAfter(), r.latencyMicros()));
            }
            assertThat(store.verify().valid()).as(store.verify().message()).isTrue();
        }
    }

    @Test
    void query_filters_by_tenant_run_user_agent_tool_decision_and_time_and_keeps_the_newest() {
        try (PostgresAuditStore store = new PostgresAuditStore(db.newPool(2), db.options())) {
            for (int i = 1; i <= 12; i++) {
                store.append(record(i % 2 == 0 ? "bank-a" : "bank-b", "run-" + (i % 4), i));
            }
            assertThat(store.query(AuditFilter.all())).hasSize(12).extracting(DecisionRecord::step)
                    .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
            assertThat(store.query(AuditFilter.all().run("run-1"))).extracting(DecisionRecord::step)
                    .containsExactly(1, 5, 9);
            assertThat(store.query(AuditFilter.all().tenantOf("bank-a").user("user-0")))
                    .extracting(DecisionRecord::step).containsExactly(6, 12);
            assertThat(store.query(AuditFilter.all().agent("agent-1").limitTo(2))).extracting(DecisionRecord::step)
                    .containsExactly(9, 11);
            assertThat(store.query(AuditFilter.all().between(T0.plusMillis(3), T0.plusMillis(5))))
                    .extracting(DecisionRecord::step).containsExactly(3, 4);
            assertThat(store.query(AuditFilter.all().run("no-such-run"))).isEmpty();
            assertThat(store.query(AuditFilter.all().decision(dev.warden.core.Outcome.DENY)))
                    .extracting(DecisionRecord::step).containsExactly(5, 10);
            assertThat(store.query(AuditFilter.all().tool("send_money").decision(dev.warden.core.Outcome.ALLOW)))
                    .hasSize(10);
            assertThat(store.query(AuditFilter.all().tool("update_password"))).isEmpty();
        }
    }

    @Test
    void thirty_two_threads_on_two_replicas_keep_one_valid_chain_per_tenant() throws Exception {
        Pool replicaA = db.newPool(4);
        Pool replicaB = db.newPool(4);
        Set<Long> seqs = ConcurrentHashMap.newKeySet();
        try (PostgresAuditStore a = new PostgresAuditStore(replicaA, db.options());
                PostgresAuditStore b = new PostgresAuditStore(replicaB, db.options())) {
            ExecutorService threads = Executors.newFixedThreadPool(32);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 32; t++) {
                PostgresAuditStore store = t % 2 == 0 ? a : b;
                int thread = t;
                done.add(threads.submit(() -> {
                    go.await();
                    for (int i = 0; i < 40; i++) {
                        DecisionRecord r = store.append(record(thread % 4 == 0 ? "bank-b" : "bank-a",
                                "run-" + thread, i));
                        if (r.tenant().equals("bank-a")) {
                            assertThat(seqs.add(r.seq())).as("seq %s handed out twice", r.seq()).isTrue();
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
            threads.shutdown();
            var verification = a.verify();
            assertThat(verification.valid()).as(verification.message()).isTrue();
            assertThat(verification.records()).isEqualTo(32 * 40);
            assertThat(seqs).hasSize(24 * 40);
            assertThat(db.count("tenant = 'bank-a'")).isEqualTo(24 * 40);
        }
    }

    @Test
    void async_mode_returns_before_the_commit_and_close_flushes_the_queue() {
        PostgresAuditStore store = new PostgresAuditStore(db.newPool(2),
                db.options().withDurability(AuditDurability.ASYNC));
        List<DecisionRecord> queued = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            queued.add(store.append(record("bank-a", "run-1", i)));
        }
        assertThat(queued).allSatisfy(r -> assertThat(r.seq()).isNull());
        store.close();
        assertThatThrownBy(() -> store.append(record("bank-a", "run-1", 1)))
                .hasMessageContaining(PostgresStoreCodes.AUDIT_STORE_CLOSED);
        assertThat(db.count("tenant = 'bank-a'")).isEqualTo(500);
        try (PostgresAuditStore reader = new PostgresAuditStore(db.newPool(1), db.options())) {
            assertThat(reader.verify().valid()).isTrue();
            assertThat(reader.query(AuditFilter.all().limitTo(1000))).extracting(DecisionRecord::step)
                    .containsExactlyElementsOf(queued.stream().map(DecisionRecord::step).toList());
        }
    }

    @Test
    void async_flush_returns_once_everything_queued_is_committed() {
        try (PostgresAuditStore store = new PostgresAuditStore(db.newPool(2),
                db.options().withDurability(AuditDurability.ASYNC))) {
            for (int i = 0; i < 200; i++) {
                store.append(record("bank-a", "run-1", i));
            }
            store.flush();
            assertThat(store.backlog()).isZero();
            assertThat(db.count("true")).isEqualTo(200);
        }
    }

    @Test
    void calls_on_a_vertx_event_loop_are_refused_with_a_clear_error() throws Exception {
        try (PostgresAuditStore store = new PostgresAuditStore(db.newPool(1), db.options())) {
            CompletableFuture<Throwable> seen = new CompletableFuture<>();
            db.vertx.runOnContext(v -> {
                try {
                    store.append(record("bank-a", "run-1", 1));
                    seen.complete(null);
                } catch (RuntimeException e) {
                    seen.complete(e);
                }
            });
            assertThat(seen.get()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(PostgresStoreCodes.EVENT_LOOP_BLOCKED);
            assertThat(db.count("true")).isZero();
        }
    }

    @Test
    void bad_settings_are_refused_with_the_config_code() {
        assertThatThrownBy(() -> db.options().withSchema("public; DROP TABLE x"))
                .hasMessageContaining(PostgresStoreCodes.BAD_CONFIG);
        assertThatThrownBy(() -> new PostgresAuditStore(db.newPool(1), db.options().withHeadKey(new byte[4])))
                .hasMessageContaining(PostgresStoreCodes.BAD_CONFIG);
        assertThatThrownBy(() -> AuditDurability.parse("eventually"))
                .hasMessageContaining(PostgresStoreCodes.BAD_CONFIG).hasMessageContaining("sync or async");
        assertThat(AuditDurability.parse("Async")).isEqualTo(AuditDurability.ASYNC);
    }

    @Test
    void the_export_is_jsonl_that_verifies_offline_and_filters_by_tenant() {
        try (PostgresAuditStore store = new PostgresAuditStore(db.newPool(2),
                db.options().withDurability(AuditDurability.ASYNC))) {
            for (int i = 1; i <= 2_500; i++) { // more than one cursor page
                store.append(record(i % 5 == 0 ? "bank-b" : "bank-a", "run-" + i, i));
            }
            store.flush();
            java.io.StringWriter all = new java.io.StringWriter();
            assertThat(store.exportJsonl(null, all)).isEqualTo(2_500);
            List<String> lines = all.toString().lines().toList();
            assertThat(dev.warden.core.audit.HashChainVerifier.verify(lines).valid()).isTrue();

            java.io.StringWriter bankB = new java.io.StringWriter();
            assertThat(store.exportJsonl("bank-b", bankB)).isEqualTo(500);
            assertThat(bankB.toString().lines()).allSatisfy(l -> assertThat(l).contains("\"tenant\":\"bank-b\""));
            List<DecisionRecord> streamed = new ArrayList<>();
            assertThat(store.forEachRecord("bank-b", streamed::add)).isEqualTo(500);
            assertThat(streamed).extracting(dev.warden.core.audit.CanonicalJson::write)
                    .containsExactlyElementsOf(bankB.toString().lines().toList());

            List<String> edited = new ArrayList<>(lines);
            edited.set(7, edited.get(7).replace("\"reason\":\"reason", "\"reason\":\"edited"));
            assertThat(dev.warden.core.audit.HashChainVerifier.verify(edited).valid()).isFalse();
        }
    }
}

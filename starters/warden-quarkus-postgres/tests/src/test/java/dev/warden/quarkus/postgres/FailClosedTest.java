package dev.warden.quarkus.postgres;

import static dev.warden.quarkus.postgres.PostgresFixture.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.Principal;
import dev.warden.core.WardenCodes;
import dev.warden.core.agent.InMemorySuspendedRunStore;
import dev.warden.core.agent.RunResult;
import dev.warden.core.agent.RunStatus;
import dev.warden.core.audit.AuditWriteException;
import dev.warden.core.testing.BankTools;
import dev.warden.core.testing.TestClock;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When the audit trail cannot take a record, the decision it describes is not carried out. */
class FailClosedTest {
    final PostgresFixture db = new PostgresFixture();

    @AfterEach
    void close() {
        db.close();
    }

    Pool deadPool() {
        Pool pool = db.newPool(1);
        pool.close().toCompletionStage().toCompletableFuture().join();
        return pool;
    }

    @Test
    void a_sync_append_that_cannot_commit_throws_and_stores_nothing() {
        try (PostgresAuditStore store = new PostgresAuditStore(deadPool(), db.options())) {
            assertThatThrownBy(() -> store.append(record("bank-a", "run-1", 1)))
                    .isInstanceOf(AuditWriteException.class)
                    .hasMessageContaining(PostgresStoreCodes.AUDIT_WRITE_FAILED);
        }
        assertThat(db.count("true")).isZero();
    }

    @Test
    void with_the_audit_database_down_a_tool_call_is_refused_and_never_runs() {
        BankTools bank = new BankTools();
        try (PostgresAuditStore audit = new PostgresAuditStore(deadPool(), db.options())) {
            RunResult r = BankAgents.firstStart(bank, new InMemorySuspendedRunStore(), audit,
                    TestClock.at("2026-11-24T10:00:00Z")).runBlocking("send 900", Principal.of("alice", "customer"));
            assertThat(r.status()).isNotIn(RunStatus.COMPLETED, RunStatus.AWAITING_APPROVAL);
            assertThat(r.decisions()).anySatisfy(d -> assertThat(d.code()).isEqualTo(WardenCodes.AUDIT_UNAVAILABLE));
        }
        assertThat(bank.calls).isEmpty();
    }

    @Test
    void a_full_async_queue_pushes_back_and_then_refuses_instead_of_dropping() {
        AuditStoreOptions tiny = db.options().withDurability(AuditDurability.ASYNC).withQueueCapacity(5)
                .withAppendTimeout(Duration.ofMillis(200));
        PostgresAuditStore store = new PostgresAuditStore(deadPool(), tiny);
        int accepted = 0;
        AuditWriteException refused = null;
        for (int i = 0; i < 1_000 && refused == null; i++) {
            try {
                store.append(record("bank-a", "run-1", i));
                accepted++;
            } catch (AuditWriteException e) {
                refused = e;
            }
        }
        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains(PostgresStoreCodes.AUDIT_QUEUE_FULL);
        // the queue (5) plus the batch the retrying writer holds (at most one record plus what it drained: 6)
        assertThat(accepted).isBetween(5, 11);
        store.close();
    }
}

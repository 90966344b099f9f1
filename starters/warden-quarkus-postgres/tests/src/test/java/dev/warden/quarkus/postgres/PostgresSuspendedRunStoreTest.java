package dev.warden.quarkus.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.agent.SuspendedRun;
import dev.warden.spi.AuditSink;
import dev.warden.spi.SuspendedRunStore;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The store contract on PostgreSQL, where "another process" is a new pool and store on the same database. */
class PostgresSuspendedRunStoreTest extends SuspendedRunStoreContractTest {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    final PostgresFixture db = new PostgresFixture();

    @Override
    SuspendedRunStore newStore() {
        return new PostgresSuspendedRunStore(db.newPool(2), db.schema, TIMEOUT);
    }

    @Override
    SuspendedRunStore anotherProcess() {
        return new PostgresSuspendedRunStore(db.newPool(4), db.schema, TIMEOUT);
    }

    @Override
    AuditSink newAuditSink() {
        return new PostgresAuditStore(db.newPool(2), db.options());
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    String approvalId() {
        return suspended.approval().approvalId();
    }

    @Test
    void a_claimed_approval_is_not_revived_by_saving_it_again() {
        SuspendedRun run = store.claim(approvalId()).orElseThrow();
        store.save(run);
        assertThat(store.find(approvalId())).isEmpty();
        assertThat(store.claim(approvalId())).isEmpty();
    }

    @Test
    void a_store_whose_database_is_gone_fails_with_a_clear_code() {
        var pool = db.newPool(1);
        PostgresSuspendedRunStore broken = new PostgresSuspendedRunStore(pool, db.schema, TIMEOUT);
        pool.close().toCompletionStage().toCompletableFuture().join();
        assertThatThrownBy(() -> broken.claim(approvalId())).hasMessageContaining(
                PostgresStoreCodes.APPROVAL_WRITE_FAILED);
        assertThat(store.find(approvalId())).isPresent();
    }
}

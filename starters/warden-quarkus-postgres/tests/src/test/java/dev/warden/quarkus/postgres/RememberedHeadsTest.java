package dev.warden.quarkus.postgres;

import static dev.warden.quarkus.postgres.PostgresFixture.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.audit.DecisionRecord;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A writer links a batch onto the heads it committed last and writes it in one statement; these tests make that
 * memory stale (another replica appends in between) and check the chains stay whole and gap-free.
 */
class RememberedHeadsTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    final PostgresFixture db = new PostgresFixture();
    final AuditSql sql = new AuditSql(db.schema);

    @AfterEach
    void close() {
        db.close();
    }

    AuditBatchWriter writer() {
        return new AuditBatchWriter(db.newPool(2), sql, new HeadSigner(new byte[32]));
    }

    List<DecisionRecord> write(AuditBatchWriter writer, DecisionRecord... records) {
        return Blocking.await(writer.write(List.of(records)), WAIT, AuditQueue::writeFailed);
    }

    @Test
    void a_store_whose_remembered_head_went_stale_links_after_the_other_replicas_records() {
        try (PostgresAuditStore a = new PostgresAuditStore(db.newPool(2), db.options());
                PostgresAuditStore b = new PostgresAuditStore(db.newPool(2), db.options())) {
            a.append(record("bank-a", "run-a", 1));
            DecisionRecord last = null;
            for (int i = 0; i < 3; i++) {
                last = b.append(record("bank-a", "run-b", i));
            }
            DecisionRecord next = a.append(record("bank-a", "run-a", 2));
            assertThat(next.seq()).isEqualTo(5);
            assertThat(next.prevHash()).isEqualTo(last.hash());
            assertThat(a.verify().valid()).isTrue();
            assertThat(db.count("tenant = 'bank-a'")).isEqualTo(5);
        }
    }

    @Test
    void a_batch_over_a_moved_and_an_unmoved_tenant_writes_both_onto_their_stored_heads_in_order() {
        AuditBatchWriter a = writer();
        AuditBatchWriter b = writer();
        write(a, record("bank-a", "r", 1), record("bank-b", "r", 2));
        DecisionRecord moved = write(b, record("bank-a", "r", 3)).get(0);
        List<DecisionRecord> batch = write(a, record("bank-a", "r", 4), record("bank-b", "r", 5),
                record("bank-a", "r", 6), record("bank-b", "r", 7));
        assertThat(batch).extracting(DecisionRecord::step).containsExactly(4, 5, 6, 7);
        assertThat(batch).extracting(DecisionRecord::tenant, DecisionRecord::seq).containsExactly(
                org.assertj.core.groups.Tuple.tuple("bank-a", 3L), org.assertj.core.groups.Tuple.tuple("bank-b", 2L),
                org.assertj.core.groups.Tuple.tuple("bank-a", 4L), org.assertj.core.groups.Tuple.tuple("bank-b", 3L));
        assertThat(batch.get(0).prevHash()).isEqualTo(moved.hash());
        assertThat(db.count("true")).isEqualTo(7);
        try (PostgresAuditStore reader = new PostgresAuditStore(db.newPool(1),
                db.options().withHeadKey(new byte[32]))) {
            var verification = reader.verify();
            assertThat(verification.valid()).as(verification.message()).isTrue();
        }
    }

    @Test
    void a_batch_whose_moved_tenant_then_fails_commits_none_of_its_records() {
        AuditBatchWriter a = writer();
        AuditBatchWriter b = writer();
        write(a, record("bank-a", "r", 1), record("bank-b", "r", 2));
        write(b, record("bank-a", "r", 3)); // a's memory of bank-a is stale now, of bank-b still right
        db.sql("CREATE FUNCTION " + db.schema + ".refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.run_id = 'boom' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$");
        db.sql("CREATE TRIGGER refuse_boom BEFORE INSERT ON " + db.schema + ".warden_audit_record FOR EACH ROW"
                + " EXECUTE FUNCTION " + db.schema + ".refuse_boom()");
        long before = db.count("true");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> write(a, record("bank-b", "ok", 4),
                record("bank-a", "boom", 5)));

        // before: the one statement committed bank-b's record, then the locking path failed on bank-a's, and the
        // caller was told nothing was written (an async queue retried the whole batch: bank-b's record twice)
        assertThat(db.count("true")).as("nothing of the failed batch is committed").isEqualTo(before);
        assertThat(db.count("run_id = 'ok'")).isZero();
    }

    @Test
    void the_locking_path_orders_tenants_as_postgresql_collate_c_does() {
        List<String> tenants = new java.util.ArrayList<>(List.of("banka", "Beta", "bank-b", "acme", "\uE000x",
                "\uD83D\uDE00y"));
        tenants.sort(AuditBatchWriter.C_ORDER);
        // UTF-8 byte order: ASCII upper before lower, '-' (0x2D) before 'a', U+E000 (EE ..) before U+1F600 (F0 ..),
        // where String.compareTo would put the surrogate pair (D83D) first
        assertThat(tenants).containsExactly("Beta", "acme", "bank-b", "banka", "\uE000x", "\uD83D\uDE00y");
    }

    @Test
    void two_replicas_writing_the_same_tenants_in_opposite_orders_neither_deadlock_nor_break_a_chain()
            throws Exception {
        AuditBatchWriter a = writer();
        AuditBatchWriter b = writer();
        int rounds = 100;
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < rounds; i++) {
                write(a, record("bank-a", "a", i), record("bank-b", "a", i));
            }
        });
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < rounds; i++) {
                write(b, record("bank-b", "b", i), record("bank-a", "b", i));
            }
        });
        first.get();
        second.get();
        assertThat(db.count("tenant = 'bank-a'")).isEqualTo(2 * rounds);
        assertThat(db.count("tenant = 'bank-b'")).isEqualTo(2 * rounds);
        try (PostgresAuditStore reader = new PostgresAuditStore(db.newPool(1),
                db.options().withHeadKey(new byte[32]))) {
            var verification = reader.verify();
            assertThat(verification.valid()).as(verification.message()).isTrue();
            assertThat(verification.records()).isEqualTo(4 * rounds);
        }
    }
}

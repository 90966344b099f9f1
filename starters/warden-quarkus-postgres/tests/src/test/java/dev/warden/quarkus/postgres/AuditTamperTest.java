package dev.warden.quarkus.postgres;

import static dev.warden.quarkus.postgres.PostgresFixture.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.audit.ChainVerification;
import dev.warden.core.audit.DecisionRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every kind of tampering done with plain SQL on the tables is reported at the first broken link. */
class AuditTamperTest {
    static final byte[] KEY = "test-only-head-key-32-bytes-long".getBytes(StandardCharsets.UTF_8);
    final PostgresFixture db = new PostgresFixture();
    final List<DecisionRecord> written = new ArrayList<>();
    PostgresAuditStore store;

    @BeforeEach
    void writeTenRecordsForBankAAndThreeForBankB() {
        store = new PostgresAuditStore(db.newPool(2), db.options().withHeadKey(KEY));
        for (int i = 1; i <= 10; i++) {
            written.add(store.append(record("bank-a", "run-" + i, i)));
        }
        for (int i = 1; i <= 3; i++) {
            store.append(record("bank-b", "run-b", i));
        }
    }

    @AfterEach
    void close() {
        store.close();
        db.close();
    }

    ChainVerification verify() {
        return store.verify();
    }

    static void assertBroken(ChainVerification v, long seq, String message) {
        assertThat(v.valid()).isFalse();
        assertThat(v.tenant()).isEqualTo("bank-a");
        assertThat(v.firstBrokenSeq()).isEqualTo(seq);
        assertThat(v.message()).contains(message);
    }

    @Test
    void an_untouched_trail_verifies() {
        ChainVerification v = verify();
        assertThat(v.valid()).as(v.message()).isTrue();
        assertThat(v.records()).isEqualTo(13);
    }

    @Test
    void an_edited_record_is_reported_at_its_sequence_number() {
        assertThat(db.sql("UPDATE warden_audit_record SET record = replace(record, '\"reason\":\"reason 4\"',"
                + " '\"reason\":\"nothing to see\"') WHERE tenant = 'bank-a' AND seq = 4")).isEqualTo(1);
        assertBroken(verify(), 4, "hash mismatch");
    }

    @Test
    void an_edited_query_column_is_reported_because_it_could_hide_a_record_from_queries() {
        db.sql("UPDATE warden_audit_record SET run_id = 'other' WHERE tenant = 'bank-a' AND seq = 6");
        assertBroken(verify(), 6, "query columns");
    }

    @Test
    void a_deleted_record_is_reported_as_a_gap() {
        assertThat(db.sql("DELETE FROM warden_audit_record WHERE tenant = 'bank-a' AND seq = 5")).isEqualTo(1);
        assertBroken(verify(), 5, "expected seq 5 but found 6");
    }

    @Test
    void a_record_inserted_in_the_middle_is_reported() {
        db.sql("UPDATE warden_audit_record SET seq = seq + 100 WHERE tenant = 'bank-a' AND seq >= 5");
        db.sql("UPDATE warden_audit_record SET seq = seq - 99 WHERE tenant = 'bank-a' AND seq >= 105");
        db.sql("INSERT INTO warden_audit_record (tenant, seq, prev_hash, hash, recorded_at, run_id, record)"
                + " SELECT tenant, 5, prev_hash, hash, recorded_at, run_id, record FROM warden_audit_record"
                + " WHERE tenant = 'bank-a' AND seq = 4");
        assertBroken(verify(), 5, "expected seq 5 but found 4");
    }

    @Test
    void reordered_records_are_reported() {
        db.sql("UPDATE warden_audit_record SET seq = CASE seq WHEN 3 THEN 4 ELSE 3 END + 1000"
                + " WHERE tenant = 'bank-a' AND seq IN (3, 4)");
        db.sql("UPDATE warden_audit_record SET seq = seq - 1000 WHERE tenant = 'bank-a' AND seq > 1000");
        assertBroken(verify(), 3, "expected seq 3 but found 4");
    }

    @Test
    void a_correctly_rehashed_record_appended_without_the_key_is_reported_at_the_tail() {
        DecisionRecord last = written.get(9);
        DecisionRecord forged = record("bank-a", "run-x", 11).withChain(11, last.hash(), null);
        forged = forged.withChain(11, last.hash(), dev.warden.core.audit.HashChain.hashOf(forged));
        db.sql("INSERT INTO warden_audit_record (tenant, seq, prev_hash, hash, recorded_at, run_id, user_id, agent_id,"
                + " tool, outcome, record) VALUES ('bank-a', 11, '" + last.hash() + "', '" + forged.hash() + "', '"
                + forged.time() + "', 'run-x', 'user-2', 'agent-1', 'send_money', 'ALLOW', '"
                + dev.warden.core.audit.CanonicalJson.write(forged) + "')");
        assertBroken(verify(), 11, "beyond the chain head");

        db.sql("UPDATE warden_audit_head SET seq = 11, hash = '" + forged.hash() + "' WHERE tenant = 'bank-a'");
        assertBroken(verify(), 11, "signature is invalid");
    }

    @Test
    void a_cut_tail_is_reported_even_when_the_head_is_rewound() {
        db.sql("DELETE FROM warden_audit_record WHERE tenant = 'bank-a' AND seq > 8");
        assertBroken(verify(), 9, "chain truncated: head is seq 10");

        db.sql("UPDATE warden_audit_head SET seq = 8, hash = '" + written.get(7).hash() + "' WHERE tenant = 'bank-a'");
        assertBroken(verify(), 8, "signature is invalid");
    }

    @Test
    void a_deleted_head_row_is_reported() {
        db.sql("DELETE FROM warden_audit_head WHERE tenant = 'bank-a'");
        assertBroken(verify(), 1, "no chain head");
    }

    @Test
    void the_store_keeps_appending_a_valid_chain_after_verification() {
        DecisionRecord next = store.append(record("bank-a", "run-11", 11));
        assertThat(next.seq()).isEqualTo(11);
        assertThat(next.prevHash()).isEqualTo(written.get(9).hash());
        assertThat(verify().valid()).isTrue();
    }

    @Test
    void a_database_rolled_back_to_an_older_signed_head_is_caught_by_an_anchored_head() {
        List<SignedHead> anchored = store.heads(); // copied out of the database, e.g. to a WORM bucket
        assertThat(anchored).extracting(SignedHead::tenant, SignedHead::seq)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("bank-a", 10L),
                        org.assertj.core.groups.Tuple.tuple("bank-b", 3L));
        DecisionRecord eight = written.get(7);
        String olderMac = new HeadSigner(KEY).sign("bank-a", 8, eight.hash()); // as saved from an old backup
        db.sql("DELETE FROM warden_audit_record WHERE tenant = 'bank-a' AND seq > 8");
        db.sql("UPDATE warden_audit_head SET seq = 8, hash = '" + eight.hash() + "', mac = '" + olderMac
                + "' WHERE tenant = 'bank-a'");

        assertThat(verify().valid()).as("a consistent older state verifies on its own").isTrue();
        assertBroken(store.verify(anchored), 9, "below the anchored head seq 10");
    }

    @Test
    void a_tenant_erased_entirely_is_caught_by_its_anchored_head() {
        List<SignedHead> anchored = store.heads();
        db.sql("DELETE FROM warden_audit_record WHERE tenant = 'bank-a'");
        db.sql("DELETE FROM warden_audit_head WHERE tenant = 'bank-a'");
        assertThat(verify().valid()).as("nothing left to contradict").isTrue();
        assertBroken(store.verify(anchored), 1, "below the anchored head seq 10");
    }

    @Test
    void history_rewritten_below_an_anchored_head_is_caught() {
        List<SignedHead> anchored = store.heads();
        DecisionRecord ten = written.get(9);
        DecisionRecord forged = record("bank-a", "run-forged", 10).withChain(10, ten.prevHash(), null);
        forged = forged.withChain(10, ten.prevHash(), dev.warden.core.audit.HashChain.hashOf(forged));
        db.sql("UPDATE warden_audit_record SET hash = '" + forged.hash() + "', run_id = 'run-forged', record = '"
                + dev.warden.core.audit.CanonicalJson.write(forged) + "' WHERE tenant = 'bank-a' AND seq = 10");
        db.sql("UPDATE warden_audit_head SET hash = '" + forged.hash() + "', mac = '"
                + new HeadSigner(KEY).sign("bank-a", 10, forged.hash()) + "' WHERE tenant = 'bank-a'");

        assertThat(verify().valid()).as("with the key, a rewrite can be made consistent").isTrue();
        assertBroken(store.verify(anchored), 10, "differs from the anchored head");
    }
}

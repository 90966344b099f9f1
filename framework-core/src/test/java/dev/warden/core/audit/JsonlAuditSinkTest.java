package dev.warden.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlAuditSinkTest {
    @TempDir
    Path dir;

    static DecisionRecord record(String tenant, String run, String outcome) {
        return new DecisionRecord(null, tenant, null, null, "2026-11-24T10:00:00Z", null, null, run, 1, "TOOL_CALL",
                "alice", "agent", List.of(), "send_money", "c1", null, Map.of("amount", 5), null, outcome, null,
                null, List.of("r1"), List.of("set@1"), List.of(), null, null, 12);
    }

    private Path filled(int n) {
        Path f = dir.resolve("audit.jsonl");
        try (JsonlAuditSink sink = new JsonlAuditSink(f, true)) {
            for (int i = 0; i < n; i++) {
                sink.append(record(i % 2 == 0 ? "t1" : "t2", "run-" + i, i % 3 == 0 ? "DENY" : "ALLOW"));
            }
        }
        return f;
    }

    private static ChainVerification verify(List<String> lines) {
        return HashChainVerifier.verify(lines);
    }

    @Test
    void an_untouched_file_verifies_with_per_tenant_chains() throws Exception {
        Path f = filled(10);
        assertThat(new JsonlAuditSink(f, false).verify()).isEqualTo(ChainVerification.ok(10));
        List<String> lines = Files.readAllLines(f);
        assertThat(lines.get(0)).contains("\"seq\":1").contains("\"tenant\":\"t1\"");
        assertThat(lines.get(1)).contains("\"seq\":1").contains("\"tenant\":\"t2\"");
    }

    @Test
    void an_edited_record_is_reported_at_its_sequence_number() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(filled(10)));
        lines.set(4, lines.get(4).replace("\"runId\":\"run-4\"", "\"runId\":\"run-X\""));
        ChainVerification v = verify(lines);
        assertThat(v.valid()).isFalse();
        assertThat(v.firstBrokenSeq()).isEqualTo(3L);
        assertThat(v.tenant()).isEqualTo("t1");
        assertThat(v.message()).contains("altered");
    }

    @Test
    void a_deleted_record_is_reported() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(filled(10)));
        lines.remove(2);
        ChainVerification v = verify(lines);
        assertThat(v.valid()).isFalse();
        assertThat(v.firstBrokenSeq()).isEqualTo(2L);
    }

    @Test
    void reordered_records_are_reported() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(filled(10)));
        Collections.swap(lines, 2, 4);
        assertThat(verify(lines).valid()).isFalse();
    }

    @Test
    void an_inserted_forged_record_is_reported() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(filled(10)));
        lines.add(3, lines.get(2));
        assertThat(verify(lines).valid()).isFalse();
    }

    @Test
    void truncation_is_detected_against_a_known_head() throws Exception {
        Path f = filled(10);
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        var heads = Map.of("t1", new HashChain.Head(5, "x"));
        assertThat(HashChainVerifier.verify(lines, heads).valid()).isTrue();
        assertThat(HashChainVerifier.verify(lines.subList(0, 6), heads).message()).contains("truncated");
    }

    @Test
    void a_restarted_sink_continues_the_chain() throws Exception {
        Path f = filled(4);
        try (JsonlAuditSink again = new JsonlAuditSink(f, true)) {
            DecisionRecord r = again.append(record("t1", "run-x", "ALLOW"));
            assertThat(r.seq()).isEqualTo(3L);
            assertThat(again.verify().valid()).isTrue();
        }
    }

    @Test
    void a_full_disk_is_an_error_not_a_silent_loss() {
        Path devFull = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(devFull), "/dev/full not available");
        JsonlAuditSink sink = new JsonlAuditSink(devFull, true);
        assertThatThrownBy(() -> sink.append(record("t1", "r", "ALLOW"))).isInstanceOf(AuditWriteException.class);
    }

    @Test
    void arguments_with_unicode_hash_identically_after_a_round_trip() throws Exception {
        Path f = dir.resolve("u.jsonl");
        try (JsonlAuditSink sink = new JsonlAuditSink(f, false)) {
            var r = record("t", "r", "ALLOW");
            sink.append(new DecisionRecord(null, "t", null, null, r.time(), null, null, "r", 1, "TOOL_CALL", "a",
                    "b", List.of(), "x", null, null, Map.of("q", "Zürich \u2603 \"quoted\"", "n", 1.5), null,
                    "ALLOW", null, null, List.of(), List.of(), List.of(), null, null, 1));
        }
        assertThat(HashChainVerifier.verify(Files.readAllLines(f, StandardCharsets.UTF_8)).valid()).isTrue();
    }

    @Test
    void query_reads_back_matching_records_oldest_first_and_keeps_the_newest_under_the_limit() {
        Path f = filled(10);
        try (JsonlAuditSink sink = new JsonlAuditSink(f, false)) {
            List<DecisionRecord> t1 = sink.query(AuditFilter.all().tenantOf("t1"));
            assertThat(t1).extracting(DecisionRecord::runId)
                    .containsExactly("run-0", "run-2", "run-4", "run-6", "run-8");
            assertThat(t1).extracting(DecisionRecord::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(sink.query(AuditFilter.all().run("run-3"))).singleElement()
                    .satisfies(r -> assertThat(r.outcome()).isEqualTo("DENY"));
            assertThat(sink.query(AuditFilter.all().limitTo(2))).extracting(DecisionRecord::runId)
                    .containsExactly("run-8", "run-9");
            assertThat(sink.query(AuditFilter.all().between(java.time.Instant.parse("2026-11-24T10:00:01Z"),
                    null))).isEmpty();
            assertThat(sink.query(AuditFilter.all().user("bob"))).isEmpty();
        }
    }

    @Test
    void query_filters_by_tool_and_by_decision() {
        Path f = filled(10);
        try (JsonlAuditSink sink = new JsonlAuditSink(f, false)) {
            assertThat(sink.query(AuditFilter.all().decision(dev.warden.core.Outcome.DENY)))
                    .extracting(DecisionRecord::runId).containsExactly("run-0", "run-3", "run-6", "run-9");
            assertThat(sink.query(AuditFilter.all().tenantOf("t1").decision(dev.warden.core.Outcome.DENY)))
                    .extracting(DecisionRecord::runId).containsExactly("run-0", "run-6");
            assertThat(sink.query(AuditFilter.all().tool("send_money"))).hasSize(10);
            assertThat(sink.query(AuditFilter.all().tool("get_balance"))).isEmpty();
            assertThat(sink.query(AuditFilter.all().decision(dev.warden.core.Outcome.REQUIRE_APPROVAL))).isEmpty();
        }
    }

    @Test
    void an_unknown_decision_name_is_refused_with_the_valid_names() {
        assertThatThrownBy(() -> new AuditFilter(null, null, null, null, null, "MAYBE", null, null, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MAYBE")
                .hasMessageContaining("REQUIRE_APPROVAL");
    }

    @Test
    void a_filter_with_an_empty_time_range_or_absurd_limit_is_refused() {
        java.time.Instant t = java.time.Instant.parse("2026-11-24T10:00:00Z");
        assertThatThrownBy(() -> AuditFilter.all().between(t, t)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditFilter.all().limitTo(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditFilter.all().limitTo(AuditFilter.MAX_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

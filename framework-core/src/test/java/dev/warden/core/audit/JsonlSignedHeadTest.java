package dev.warden.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.core.WardenCodes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 M1: the embedded JSONL trail signs its head, so that deleting the newest records, or editing a record and
 * re-hashing the rest with the shipped {@link HashChain}, is reported — and a crash is never mistaken for tampering.
 */
class JsonlSignedHeadTest {
    static final byte[] KEY = "test-only-head-key-32-bytes-long".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("decisions.jsonl");
    }

    private Path headFile() {
        return dir.resolve("decisions.jsonl.head");
    }

    /**
     * The crash window: four records signed, then what {@code appends} writes reaches the file and the process dies
     * before a head covering it is written (the head file is put back to what it was).
     */
    private void writePastTheSignedHead(java.util.function.Consumer<JsonlAuditSink> appends) throws Exception {
        fill(4);
        Path headBefore = dir.resolve("head-before");
        Files.copy(headFile(), headBefore);
        try (JsonlAuditSink sink = open()) {
            appends.accept(sink);
        }
        Files.copy(headBefore, headFile(), StandardCopyOption.REPLACE_EXISTING);
    }

    private JsonlAuditSink open() {
        return new JsonlAuditSink(file(), JsonlAuditOptions.signed(true, KEY));
    }

    private void fill(int n) {
        try (JsonlAuditSink sink = open()) {
            for (int i = 0; i < n; i++) {
                sink.append(JsonlAuditSinkTest.record(i % 2 == 0 ? "t1" : "t2", "run-" + i, "ALLOW"));
            }
        }
    }

    private List<String> lines() throws Exception {
        return new ArrayList<>(Files.readAllLines(file(), StandardCharsets.UTF_8));
    }

    private void write(List<String> lines) throws Exception {
        Files.write(file(), lines, StandardCharsets.UTF_8);
    }

    @Test
    void an_untouched_signed_trail_verifies_and_reopens() {
        fill(6);
        assertThat(Files.exists(headFile())).isTrue();
        try (JsonlAuditSink sink = open()) {
            assertThat(sink.verify()).isEqualTo(ChainVerification.ok(6));
            assertThat(sink.append(JsonlAuditSinkTest.record("t1", "r", "ALLOW")).seq()).isEqualTo(4L);
            assertThat(sink.verify().valid()).isTrue();
        }
    }

    @Test
    void deleting_the_newest_records_is_reported_by_verify() throws Exception {
        fill(6);
        try (JsonlAuditSink sink = open()) {
            List<String> lines = lines();
            write(lines.subList(0, 4)); // the newest record of each tenant removed behind the running service
            assertThat(HashChainVerifier.verify(lines.subList(0, 4)).valid())
                    .as("the links alone (all the unsigned store had) still verify").isTrue();
            ChainVerification v = sink.verify();
            assertThat(v.valid()).isFalse();
            assertThat(v.tenant()).isEqualTo("t1");
            assertThat(v.firstBrokenSeq()).isEqualTo(3L);
            assertThat(v.message()).contains("truncated");
        }
    }

    @Test
    void editing_a_record_and_rehashing_the_rest_is_reported_by_verify() throws Exception {
        fill(6);
        List<String> forged = rehashedWithEdit(lines(), 2, "run-2", "run-FORGED");
        assertThat(HashChainVerifier.verify(forged).valid()).as("a consistent re-hash passes the link check").isTrue();
        write(forged);
        try (JsonlAuditSink sink = new JsonlAuditSink(dir.resolve("other.jsonl"), JsonlAuditOptions.signed(true,
                KEY))) {
            assertThat(sink.verify().valid()).isTrue(); // sanity: another file is unaffected
        }
        JsonlAuditSink reader = openIgnoringStartChecks();
        ChainVerification v = reader.verify();
        assertThat(v.valid()).isFalse();
        assertThat(v.message()).contains("does not match the signed head");
    }

    @Test
    void a_cut_or_rewritten_tail_refuses_to_reopen_and_leaves_the_files_as_found() throws Exception {
        fill(6);
        List<String> lines = lines();
        write(lines.subList(0, 5));
        byte[] before = Files.readAllBytes(file());
        assertThatThrownBy(this::open).isInstanceOf(AuditFileException.class)
                .hasMessageContaining(WardenCodes.AUDIT_HEAD_MISMATCH).hasMessageContaining("signed head");
        assertThat(Files.readAllBytes(file())).isEqualTo(before);

        write(rehashedWithEdit(lines, 4, "run-4", "run-X"));
        assertThatThrownBy(this::open).isInstanceOf(AuditFileException.class)
                .hasMessageContaining(WardenCodes.AUDIT_HEAD_MISMATCH);
    }

    @Test
    void an_altered_head_file_or_another_key_is_reported() throws Exception {
        fill(4);
        String head = Files.readString(headFile());
        Files.writeString(headFile(), head.replace("\"seq\":2", "\"seq\":1"));
        assertThatThrownBy(this::open).hasMessageContaining(WardenCodes.AUDIT_HEAD_MISMATCH)
                .hasMessageContaining("head file was altered");
        Files.writeString(headFile(), head);
        byte[] other = "another-key-another-key-another!!".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> new JsonlAuditSink(file(), JsonlAuditOptions.signed(true, other)))
                .hasMessageContaining("key");
    }

    @Test
    void a_record_written_but_not_signed_before_a_crash_is_adopted_with_an_audit_record() throws Exception {
        writePastTheSignedHead(sink -> sink.append(JsonlAuditSinkTest.record("t2", "run-crash", "ALLOW")));
        // the crash window: the record reached the file, the process died before its head was signed
        try (JsonlAuditSink sink = open()) {
            assertThat(sink.verify().valid()).as("no false tamper alarm").isTrue();
            List<DecisionRecord> t2 = sink.query(AuditFilter.all().tenantOf("t2"));
            DecisionRecord notice = t2.get(t2.size() - 1);
            assertThat(notice.checkpoint()).isEqualTo("AUDIT_RECOVERY");
            assertThat(notice.code()).isEqualTo(WardenCodes.AUDIT_RECOVERED);
            assertThat(notice.reason()).contains("seq 3").contains("not acknowledged");
            assertThat(t2.get(t2.size() - 2).runId()).isEqualTo("run-crash");
        }
    }

    @Test
    void opening_over_an_adoptable_tail_never_signs_it_before_its_notice_is_written() throws Exception {
        writePastTheSignedHead(sink -> sink.append(JsonlAuditSinkTest.record("t2", "run-crash", "ALLOW")));
        byte[] unsignedTailHead = Files.readAllBytes(headFile());
        // a start that gets as far as the group commit and dies (or fails to write the notice) before the notice
        String boot = "boot-under-test";
        JsonlAuditOptions options = JsonlAuditOptions.signed(true, KEY);
        JsonlFileScan scan = JsonlFileScan.of(file());
        JsonlHeadFile head = new JsonlHeadFile(file(), new ChainHeadMac(KEY), true);
        assertThat(JsonlOpenCheck.run(file(), scan, head, options, boot)).isNotEmpty();
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file(),
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.APPEND)) {
            new JsonlGroupCommit(file().toString(), ch, true, true, head, boot, scan.heads, true, 0);
        }
        assertThat(Files.readAllBytes(headFile())).as("the adopted tail is not signed yet").isEqualTo(unsignedTailHead);
        try (JsonlAuditSink sink = open()) { // so the next start adopts it again, with its notice
            List<DecisionRecord> t2 = sink.query(AuditFilter.all().tenantOf("t2"));
            assertThat(t2.get(t2.size() - 1).checkpoint()).isEqualTo("AUDIT_RECOVERY");
            assertThat(sink.verify().valid()).isTrue();
        }
    }

    @Test
    void an_unsigned_batch_of_several_tenants_is_adopted_with_an_audit_record_per_tenant() throws Exception {
        writePastTheSignedHead(sink -> {
            sink.append(JsonlAuditSinkTest.record("t2", "run-a", "ALLOW"));
            sink.append(JsonlAuditSinkTest.record("t1", "run-b", "ALLOW"));
            sink.append(JsonlAuditSinkTest.record("t2", "run-c", "ALLOW"));
        });
        // a crash after a batch of three reached the file and before its head was signed
        try (JsonlAuditSink sink = open()) {
            assertThat(sink.verify().valid()).as("no false tamper alarm").isTrue();
            List<DecisionRecord> notices = sink.query(AuditFilter.all()).stream()
                    .filter(r -> "AUDIT_RECOVERY".equals(r.checkpoint())).toList();
            assertThat(notices).extracting(DecisionRecord::tenant).containsExactly("t1", "t2");
            assertThat(notices.get(1).reason()).contains("seq 3..4").contains("not acknowledged");
        }
    }

    @Test
    void more_records_beyond_the_signed_head_than_one_batch_are_not_a_crash_and_refuse_to_open() throws Exception {
        writePastTheSignedHead(sink -> {
            for (int i = 0; i <= JsonlAuditSink.MAX_BATCH; i++) {
                sink.append(JsonlAuditSinkTest.record("t2", "run-" + i, "ALLOW"));
            }
        });
        assertThatThrownBy(this::open).hasMessageContaining(WardenCodes.AUDIT_HEAD_MISMATCH)
                .hasMessageContaining("tenant 't2' ends at seq " + (2 + JsonlAuditSink.MAX_BATCH + 1)
                        + ", signed head is seq 2");
    }

    @Test
    void unsigned_records_that_skip_a_sequence_number_are_not_a_crash_and_refuse_to_open() throws Exception {
        writePastTheSignedHead(sink -> {
            sink.append(JsonlAuditSinkTest.record("t2", "run-a", "ALLOW"));
            sink.append(JsonlAuditSinkTest.record("t2", "run-b", "ALLOW"));
        });
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file()));
        lines.remove(lines.size() - 2); // seq 3 of t2 removed: seq 4 no longer continues the signed head
        Files.write(file(), lines);
        assertThatThrownBy(this::open).hasMessageContaining(WardenCodes.AUDIT_HEAD_MISMATCH)
                .hasMessageContaining("tenant 't2' ends at seq 4, signed head is seq 2");
    }


    @Test
    void a_trail_without_its_head_file_refuses_to_open_unless_adoption_is_asked_for() throws Exception {
        try (JsonlAuditSink unsigned = new JsonlAuditSink(file(), false)) {
            unsigned.append(JsonlAuditSinkTest.record("t1", "r1", "ALLOW"));
        }
        assertThatThrownBy(this::open).hasMessageContaining(WardenCodes.AUDIT_HEAD_UNSIGNED)
                .hasMessageContaining("adopt-unsigned=true");
        try (JsonlAuditSink sink = new JsonlAuditSink(file(), JsonlAuditOptions.signed(true, KEY)
                .withAdoptUnsigned(true))) {
            assertThat(sink.verify()).isEqualTo(ChainVerification.ok(2));
            assertThat(sink.query(AuditFilter.all()).get(1).reason()).contains("unsigned audit trail adopted");
        }
        Files.delete(headFile());
        assertThatThrownBy(this::open).as("a deleted head file is reported again")
                .hasMessageContaining(WardenCodes.AUDIT_HEAD_UNSIGNED);
    }

    @Test
    void a_failed_head_write_leaves_neither_the_record_nor_a_partial_line() throws Exception {
        fill(2);
        byte[] before = Files.readAllBytes(file());
        HeadWriteFault fault = new HeadWriteFault(dir);
        try (JsonlAuditSink sink = open()) {
            fault.block(); // the head cannot be written: a real file-system failure
            assertThatThrownBy(() -> sink.append(JsonlAuditSinkTest.record("t1", "r", "ALLOW")))
                    .isInstanceOf(AuditWriteException.class);
            assertThat(Files.readAllBytes(file())).isEqualTo(before);
            fault.unblock();
            assertThat(sink.append(JsonlAuditSinkTest.record("t1", "r", "ALLOW")).seq()).isEqualTo(2L);
            assertThat(sink.verify().valid()).isTrue();
        }
    }

    @Test
    void a_record_without_a_tenant_is_signed_as_tenant_default_and_reopens() {
        try (JsonlAuditSink sink = open()) {
            sink.append(JsonlAuditSinkTest.record(null, "r", "ALLOW"));
            assertThat(sink.verify().valid()).isTrue();
        }
        try (JsonlAuditSink sink = open()) {
            assertThat(sink.append(JsonlAuditSinkTest.record(null, "r2", "ALLOW")).seq()).isEqualTo(2L);
            assertThat(sink.verify()).isEqualTo(ChainVerification.ok(2));
        }
    }

    /** Opens a reader on a file that would not pass the start checks (e.g. to see what verify reports). */
    private JsonlAuditSink openIgnoringStartChecks() throws Exception {
        Path copy = dir.resolve("reader");
        Files.createDirectories(copy);
        // a signed sink over a fresh file, then the tampered content and the original head swapped in beneath it
        JsonlAuditSink reader = new JsonlAuditSink(copy.resolve("decisions.jsonl"), JsonlAuditOptions.signed(true,
                KEY));
        Files.copy(file(), copy.resolve("decisions.jsonl"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(headFile(), copy.resolve("decisions.jsonl.head"), StandardCopyOption.REPLACE_EXISTING);
        return reader;
    }

    /** What a forger with the shipped code can do: edit a record and re-link everything after it. */
    static List<String> rehashedWithEdit(List<String> lines, int index, String from, String to) throws Exception {
        java.util.Map<String, HashChain.Head> heads = new java.util.HashMap<>();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            ObjectNode n = (ObjectNode) CanonicalJson.MAPPER.readTree(
                    i == index ? lines.get(i).replace(from, to) : lines.get(i));
            String tenant = n.get("tenant").asText();
            HashChain.Head h = heads.getOrDefault(tenant, new HashChain.Head(0, HashChain.GENESIS));
            n.put("prevHash", h.hash());
            String hash = HashChain.hashOf(n);
            n.put("hash", hash);
            heads.put(tenant, new HashChain.Head(n.get("seq").asLong(), hash));
            out.add(CanonicalJson.write(n));
        }
        return out;
    }
}

package dev.warden.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.WardenCodes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decision 0047: the signed head is rewritten after every batch but forced only every
 * {@link JsonlAuditSink#HEAD_LAG_RECORDS} records. After a crash of the <em>machine</em> (the head was signed under
 * another boot) the head on disk may lag by that much, and such a tail is adopted; within one boot (kill -9) and after
 * a clean close the rule of decision 0027 (one batch) holds, and a person without the key still cannot extend, cut or
 * relabel the trail.
 */
class JsonlHeadLagTest {
    private static final String BOOT_A = "boot-a";
    private static final String BOOT_B = "boot-b";

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("decisions.jsonl");
    }

    private Path headFile() {
        return dir.resolve("decisions.jsonl.head");
    }

    private JsonlAuditSink open(String boot) {
        return new JsonlAuditSink(file(), JsonlAuditOptions.signed(true, JsonlSignedHeadTest.KEY), boot);
    }

    /**
     * The state a machine crash leaves: the sink forced its head at start (and then every HEAD_LAG_RECORDS), the
     * heads written after it were lost with the page cache, the records (each batch forced) were not.
     */
    private void crashOfTheMachineAfter(int records) throws Exception {
        Path forced = dir.resolve("forced-head");
        JsonlAuditSink sink = open(BOOT_A);
        Files.copy(headFile(), forced, StandardCopyOption.REPLACE_EXISTING); // forced at start, under BOOT_A
        for (int i = 0; i < records; i++) {
            sink.appendLinked(JsonlAuditSinkTest.record(i % 2 == 0 ? "t1" : "t2", "run-" + i, "ALLOW"));
        }
        sink.append(JsonlAuditSinkTest.record("t1", "run-last", "ALLOW")); // all of them on disk
        Files.copy(forced, headFile(), StandardCopyOption.REPLACE_EXISTING); // the later heads are lost
        // the sink is abandoned, not closed: the process died with the machine
    }

    @Test
    void after_a_crash_of_the_machine_records_past_the_forced_head_within_the_lag_are_adopted_with_a_notice()
            throws Exception {
        crashOfTheMachineAfter(JsonlAuditSink.HEAD_LAG_RECORDS - 1);
        try (JsonlAuditSink sink = open(BOOT_B)) {
            assertThat(sink.verify().valid()).as("no false tamper alarm").isTrue();
            List<DecisionRecord> notices = sink.query(AuditFilter.all()).stream()
                    .filter(r -> "AUDIT_RECOVERY".equals(r.checkpoint())).toList();
            assertThat(notices).extracting(DecisionRecord::tenant).containsExactly("t1", "t2");
            assertThat(notices.get(0).reason()).contains("not acknowledged");
        }
    }

    @Test
    void within_one_boot_the_same_tail_is_not_a_crash_and_refuses_to_open() throws Exception {
        crashOfTheMachineAfter(JsonlAuditSink.HEAD_LAG_RECORDS - 1);
        byte[] before = Files.readAllBytes(file());
        assertThatThrownBy(() -> open(BOOT_A)).as("kill -9 keeps the page cache: at most one batch can lag")
                .hasMessageContaining(WardenCodes.AUDIT_HEAD_MISMATCH);
        assertThat(Files.readAllBytes(file())).as("left as found").isEqualTo(before);
    }

    @Test
    void more_records_past_the_head_than_the_lag_and_one_batch_refuse_to_open_after_a_machine_crash_too()
            throws Exception {
        crashOfTheMachineAfter(JsonlAuditSink.HEAD_LAG_RECORDS + JsonlAuditSink.MAX_BATCH);
        assertThatThrownBy(() -> open(BOOT_B)).hasMessageContaining(WardenCodes.AUDIT_HEAD_MISMATCH);
    }

    @Test
    void a_tail_appended_after_a_clean_close_is_refused_even_after_a_reboot() throws Exception {
        try (JsonlAuditSink sink = open(BOOT_A)) {
            sink.append(JsonlAuditSinkTest.record("t1", "run-0", "ALLOW"));
        }
        assertThat(Files.readString(headFile())).contains("\"boot\":\"closed\"");
        // someone without the key continues the chain correctly (anyone can compute links) while it is stopped
        HashChain chain = new HashChain();
        DecisionRecord last = JsonlGroupCommitTest.parse(Files.readAllLines(file()).get(0));
        chain.restore("t1", last.seq(), last.hash());
        StringBuilder forged = new StringBuilder();
        for (int i = 0; i < JsonlAuditSink.MAX_BATCH + 1; i++) {
            forged.append(chain.linkWithLine(JsonlAuditSinkTest.record("t1", "forged-" + i, "ALLOW")).line())
                    .append('\n');
        }
        Files.writeString(file(), forged, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> open(BOOT_B)).as("a clean close is not a machine crash")
                .hasMessageContaining(WardenCodes.AUDIT_HEAD_MISMATCH);
    }

    @Test
    void a_cut_tail_is_refused_after_a_machine_crash_too() throws Exception {
        try (JsonlAuditSink sink = open(BOOT_A)) {
            for (int i = 0; i < 6; i++) {
                sink.append(JsonlAuditSinkTest.record("t1", "run-" + i, "ALLOW"));
            }
        }
        String head = Files.readString(headFile()).replace("\"boot\":\"closed\"", "\"boot\":\"" + BOOT_A + "\"");
        List<String> lines = Files.readAllLines(file());
        Files.write(file(), lines.subList(0, 4));
        assertThatThrownBy(() -> open(BOOT_B)).hasMessageContaining(WardenCodes.AUDIT_HEAD_MISMATCH);
        Files.writeString(headFile(), head); // and relabelling the boot without the key breaks the signature
        assertThatThrownBy(() -> open(BOOT_B)).hasMessageContaining(WardenCodes.AUDIT_HEAD_MISMATCH)
                .hasMessageContaining("signature");
    }

    @Test
    void a_head_signed_before_decision_0047_is_read_and_continued() throws Exception {
        try (JsonlAuditSink v1 = new JsonlAuditSink(file(), JsonlAuditOptions.signed(true, JsonlSignedHeadTest.KEY),
                null)) {
            v1.append(JsonlAuditSinkTest.record("t1", "run-0", "ALLOW"));
        }
        assertThat(Files.readString(headFile())).doesNotContain("boot");
        try (JsonlAuditSink sink = open(BOOT_A)) {
            assertThat(sink.verify()).isEqualTo(ChainVerification.ok(1));
            assertThat(sink.append(JsonlAuditSinkTest.record("t1", "run-1", "ALLOW")).seq()).isEqualTo(2L);
        }
        try (JsonlAuditSink sink = open(BOOT_B)) {
            assertThat(sink.verify()).isEqualTo(ChainVerification.ok(2));
        }
    }

    @Test
    void a_rewritten_trail_with_recomputed_hashes_and_a_torn_looking_head_refuses_to_open() throws Exception {
        try (JsonlAuditSink sink = open(BOOT_A)) {
            for (int i = 0; i < 4; i++) {
                sink.append(JsonlAuditSinkTest.record("t1", "run-" + i, i == 2 ? "DENY" : "ALLOW"));
            }
        }
        // the chain is unkeyed: turn the DENY into an ALLOW and relink every record from the first (decision 0066, 6)
        HashChain chain = new HashChain();
        StringBuilder forged = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            forged.append(chain.linkWithLine(JsonlAuditSinkTest.record("t1", "run-" + i, "ALLOW")).line()).append('\n');
        }
        Files.writeString(file(), forged, StandardCharsets.UTF_8);
        Files.write(headFile(), " ".repeat(512).getBytes(StandardCharsets.US_ASCII)); // looks like a torn sector
        assertThat(JsonlGroupCommitTest.parse(Files.readAllLines(file()).get(2)).outcome()).hasToString("ALLOW");
        byte[] before = Files.readAllBytes(file());
        assertThatThrownBy(() -> open(BOOT_B)).as("nothing in the file can vouch for it")
                .hasMessageContaining(WardenCodes.AUDIT_HEAD_MISMATCH);
        assertThat(Files.readAllBytes(file())).as("left as found").isEqualTo(before);
    }
}

package dev.warden.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.WardenCodes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decision 0066: a head sector torn by a power loss refuses to open ({@code WARDEN-CORE-0142}) unless the operator asks
 * for {@code rebuildTornHead}; then only a one-sector head is rebuilt, and only over a file whose every link verifies.
 */
class JsonlTornHeadTest {
    @TempDir
    Path dir;

    Path file() {
        return dir.resolve("decisions.jsonl");
    }

    Path head() {
        return dir.resolve("decisions.jsonl.head");
    }

    JsonlAuditSink open(boolean rebuild) {
        return new JsonlAuditSink(file(), JsonlAuditOptions.signed(true, JsonlSignedHeadTest.KEY)
                .withRebuildTornHead(rebuild));
    }

    @BeforeEach
    void writeATrailAndTearItsHead() throws Exception {
        try (JsonlAuditSink sink = open(false)) {
            sink.append(JsonlAuditSinkTest.record("t1", "run-1", "ALLOW"));
            sink.append(JsonlAuditSinkTest.record("t2", "run-2", "DENY"));
            sink.append(JsonlAuditSinkTest.record("t1", "run-3", "ALLOW"));
        }
        byte[] sector = Files.readAllBytes(head());
        assertThat(sector).hasSize(JsonlHeadFile.SLOT);
        // the second half of the sector never reached the platter: what was there before, here zeros
        Arrays.fill(sector, 40, sector.length, (byte) 0);
        Files.write(head(), sector);
    }

    @Test
    void a_torn_head_refuses_to_open_and_names_the_recovery() {
        assertThatThrownBy(() -> open(false)).isInstanceOfSatisfying(AuditFileException.class, e -> {
            assertThat(e.code()).isEqualTo(WardenCodes.AUDIT_HEAD_MISMATCH);
            assertThat(e.getMessage()).contains("warden.audit.jsonl.rebuild-torn-head");
        });
    }

    @Test
    void asked_to_it_rebuilds_the_head_from_the_verified_chain_keeps_the_bad_one_and_says_so() throws Exception {
        try (JsonlAuditSink sink = open(true)) {
            assertThat(sink.verify().valid()).isTrue();
            List<DecisionRecord> notices = sink.query(AuditFilter.all()).stream()
                    .filter(r -> r.reason() != null && r.reason().startsWith("signed audit head rebuilt")).toList();
            assertThat(notices).extracting(DecisionRecord::tenant).containsExactlyInAnyOrder("t1", "t2");
            assertThat(notices).allSatisfy(r -> assertThat(r.reason()).contains("every link of the file verified"));
            sink.append(JsonlAuditSinkTest.record("t1", "run-4", "ALLOW"));
        }
        try (var kept = Files.list(dir)) {
            assertThat(kept.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("decisions.jsonl.head.torn-"));
        }
        try (JsonlAuditSink again = open(false)) {
            assertThat(again.verify().valid()).as("the rebuilt head signs the trail; no option needed now").isTrue();
        }
    }

    @Test
    void it_does_not_rebuild_over_a_record_that_does_not_verify() throws Exception {
        String text = Files.readString(file(), StandardCharsets.UTF_8).replaceFirst("\"DENY\"", "\"ALLOW\"");
        Files.writeString(file(), text, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> open(true)).isInstanceOfSatisfying(AuditFileException.class, e -> {
            assertThat(e.code()).isEqualTo(WardenCodes.AUDIT_HEAD_MISMATCH);
            assertThat(e.getMessage()).contains("do not verify");
        });
        assertThat(head()).exists();
    }

    @Test
    void it_does_not_rebuild_a_head_that_is_not_one_sector() throws Exception {
        Files.write(head(), Arrays.copyOf(Files.readAllBytes(head()), 100));
        assertThatThrownBy(() -> open(true)).isInstanceOfSatisfying(AuditFileException.class, e -> {
            assertThat(e.code()).isEqualTo(WardenCodes.AUDIT_HEAD_MISMATCH);
            assertThat(e.getMessage()).contains("not one 512-byte sector");
        });
    }
}

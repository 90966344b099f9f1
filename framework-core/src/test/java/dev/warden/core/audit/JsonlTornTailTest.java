package dev.warden.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.WardenCodes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14 L3: a cut-off last line is reported with its line number, and repaired only on request, audited. */
class JsonlTornTailTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("decisions.jsonl");
    }

    private JsonlAuditOptions signed() {
        return JsonlAuditOptions.signed(true, JsonlSignedHeadTest.KEY);
    }

    private void fillAndTear(JsonlAuditOptions options) throws Exception {
        try (JsonlAuditSink sink = new JsonlAuditSink(file(), options)) {
            for (int i = 0; i < 3; i++) {
                sink.append(JsonlAuditSinkTest.record("t1", "run-" + i, "ALLOW"));
            }
        }
        Files.writeString(file(), "{\"agentId\":\"agent\",\"args\":{\"amo", StandardOpenOption.APPEND);
    }

    @Test
    void a_torn_last_line_is_reported_with_its_line_number_and_the_recovery_and_left_untouched() throws Exception {
        fillAndTear(signed());
        byte[] before = Files.readAllBytes(file());
        assertThatThrownBy(() -> new JsonlAuditSink(file(), signed())).isInstanceOf(AuditFileException.class)
                .hasMessageContaining(WardenCodes.AUDIT_TORN_TAIL)
                .hasMessageContaining("line 4 is cut off")
                .hasMessageContaining("warden.audit.jsonl.repair-torn-tail=true")
                .hasMessageContaining("line 3");
        assertThat(Files.readAllBytes(file())).isEqualTo(before);
    }

    @Test
    void an_unsigned_trail_with_a_torn_last_line_is_reported_too() throws Exception {
        fillAndTear(JsonlAuditOptions.unsigned(false));
        assertThatThrownBy(() -> new JsonlAuditSink(file(), false))
                .hasMessageContaining(WardenCodes.AUDIT_TORN_TAIL).hasMessageContaining("line 4");
    }

    @Test
    void repair_truncates_to_the_last_record_keeps_the_cut_off_bytes_and_audits_it() throws Exception {
        fillAndTear(signed());
        try (JsonlAuditSink sink = new JsonlAuditSink(file(), signed().withRepairTornTail(true))) {
            assertThat(sink.verify()).isEqualTo(ChainVerification.ok(4));
            List<DecisionRecord> all = sink.query(AuditFilter.all());
            assertThat(all).extracting(DecisionRecord::runId).containsExactly("run-0", "run-1", "run-2", null);
            DecisionRecord notice = all.get(3);
            assertThat(notice.code()).isEqualTo(WardenCodes.AUDIT_RECOVERED);
            assertThat(notice.reason()).contains("line 4 is cut off").contains("never acknowledged")
                    .contains("truncated to its last complete record (line 3)");
            assertThat(sink.append(JsonlAuditSinkTest.record("t1", "after", "ALLOW")).seq()).isEqualTo(5L);
        }
        try (Stream<Path> saved = Files.list(dir)) {
            Path torn = saved.filter(p -> p.getFileName().toString().startsWith("decisions.jsonl.torn-"))
                    .findFirst().orElseThrow();
            assertThat(Files.readString(torn)).isEqualTo("{\"agentId\":\"agent\",\"args\":{\"amo");
        }
    }

    @Test
    void a_broken_line_in_the_middle_is_reported_with_its_line_number_and_never_repaired() throws Exception {
        fillAndTear(signed());
        List<String> lines = Files.readAllLines(file(), StandardCharsets.UTF_8);
        lines.set(1, lines.get(1).substring(0, 20));
        Files.write(file(), lines.subList(0, 3), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new JsonlAuditSink(file(), signed().withRepairTornTail(true)))
                .hasMessageContaining(WardenCodes.AUDIT_FILE_UNREADABLE).hasMessageContaining("line 2");
    }
}

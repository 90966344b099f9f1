package dev.warden.quarkus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.core.audit.JsonlAuditSink;
import dev.warden.spi.AuditSink;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readiness counts the audit records live while the full chain check stays cached (issue 15). */
class AuditReadinessTest {
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    @TempDir
    Path dir;

    private static DecisionRecord record(int i) {
        return new DecisionRecord(null, i % 2 == 0 ? "default" : "acme", null, null, T0.toString(), null, null,
                "run-" + i, 1, "TOOL_CALL", "alice", "agent", List.of(), "send_money", "c" + i, null, Map.of(), null,
                "ALLOW", null, null, List.of("r1"), List.of("set@1"), List.of(), null, null, 1);
    }

    private static Map<String, Object> probe(AuditReadiness readiness) {
        HealthCheckResponse r = readiness.report(HealthCheckResponse.named("warden-audit")).build();
        assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        return r.getData().orElseThrow();
    }

    private void readiness_reports_records_appended_after_the_cached_chain_check(AuditSink sink) {
        Clock later = Clock.fixed(T0.plusSeconds(42), ZoneOffset.UTC);
        Clock[] now = {Clock.fixed(T0, ZoneOffset.UTC)};
        AuditReadiness readiness = new AuditReadiness(sink, Duration.ofMinutes(5), new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0].instant();
            }
        });
        assertThat(probe(readiness)).containsEntry("records", 0L);
        for (int i = 0; i < 30; i++) {
            sink.append(record(i));
        }
        now[0] = later;
        Map<String, Object> data = probe(readiness);
        assertThat(data).containsEntry("records", 30L).containsEntry("recordsCounted", "live")
                .containsEntry("chainCheckedRecords", 0L).containsEntry("chainCheckAgeSeconds", 42L)
                .containsEntry("chainCheckedAt", T0.toString());
    }

    @Test
    void in_memory_trail_counts_records_live_while_the_chain_check_is_cached() {
        readiness_reports_records_appended_after_the_cached_chain_check(new InMemoryAuditSink());
    }

    @Test
    void jsonl_trail_counts_records_live_while_the_chain_check_is_cached() {
        try (JsonlAuditSink sink = new JsonlAuditSink(dir.resolve("decisions.jsonl"), false)) {
            readiness_reports_records_appended_after_the_cached_chain_check(sink);
        }
    }

    @Test
    void jsonl_count_survives_a_restart() {
        Path file = dir.resolve("restart.jsonl");
        try (JsonlAuditSink sink = new JsonlAuditSink(file, false)) {
            for (int i = 0; i < 7; i++) {
                sink.append(record(i));
            }
        }
        try (JsonlAuditSink reopened = new JsonlAuditSink(file, false)) {
            assertThat(reopened.count()).hasValue(7);
        }
    }

    @Test
    void a_sink_that_cannot_count_reports_the_count_of_its_last_chain_check() {
        InMemoryAuditSink inner = new InMemoryAuditSink();
        inner.append(record(1));
        AuditSink blind = new AuditSink() {
            @Override
            public DecisionRecord append(DecisionRecord record) {
                return inner.append(record);
            }

            @Override
            public dev.warden.core.audit.ChainVerification verify() {
                return inner.verify();
            }
        };
        Map<String, Object> data = probe(new AuditReadiness(blind, Duration.ofMinutes(5),
                Clock.fixed(T0, ZoneOffset.UTC)));
        assertThat(data).containsEntry("records", 1L).containsEntry("recordsCounted", "at chain check");
    }
}

package dev.warden.delegation.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Governor;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.delegation.AgentDirectory;
import dev.warden.delegation.DelegationCodes;
import dev.warden.delegation.token.ContextTokenVerifier;
import dev.warden.delegation.token.TrustedKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Unauthenticated delegation requests cost neither JSON parsing nor one durable audit append each (issue 14, L5). */
class UnverifiedRefusalsTest {
    final InMemoryAuditSink audit = new InMemoryAuditSink();
    final Governor governor = Governor.builder().auditSink(audit).build();
    Instant now = Instant.parse("2026-12-04T10:00:00Z");
    final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    final ContextTokenVerifier verifier = ContextTokenVerifier.of(TrustedKeys.of(), java.util.Set.of("svc-a"), clock, 3);
    static final Function<String, String> NO_HEADERS = h -> null;

    List<DecisionRecord> delegationRecords() {
        return audit.records().stream().filter(r -> "DELEGATION".equals(r.checkpoint())).toList();
    }

    @Test
    void an_unauthenticated_request_is_refused_before_its_body_is_parsed() {
        DelegationReceiver receiver = new DelegationReceiver(Map.of(), AgentDirectory.builder().build(), governor,
                verifier, Duration.ofSeconds(5));

        DelegationReceiver.HttpReply reply = receiver.handle("[[[[ not json", NO_HEADERS).await().indefinitely();

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body()).contains(DelegationCodes.TOKEN_MISSING);
    }

    @Test
    void unauthenticated_refusals_are_aggregated_per_source_and_window_not_one_record_each() {
        RefusalWindow window = new RefusalWindow(clock, Duration.ofSeconds(60), 1_000,
                s -> DelegationReceiver.recordSummary(governor, s));
        DelegationReceiver receiver = new DelegationReceiver(Map.of(), AgentDirectory.builder().build(), governor,
                verifier, Duration.ofSeconds(5), window);

        for (int i = 0; i < 100; i++) {
            assertThat(receiver.handle("{\"agentId\":\"a\",\"task\":\"t\"}", NO_HEADERS, "10.0.0.9").await()
                    .indefinitely().status()).isEqualTo(401);
        }
        receiver.handle("{}", h -> "Authorization".equals(h) ? "Warden-Context a.b.c" : null, "10.0.0.7").await()
                .indefinitely();
        assertThat(delegationRecords()).hasSize(2); // the first of each (code, source)

        now = now.plusSeconds(61);
        window.flushExpired();

        List<DecisionRecord> records = delegationRecords();
        assertThat(records).hasSize(3);
        assertThat(records.get(2).reason()).contains("99 further refusals", "10.0.0.9");
        assertThat(records.get(2).code()).isEqualTo(DelegationCodes.TOKEN_MISSING);
        assertThat(records).allSatisfy(r -> assertThat(r.userId()).isEqualTo(DelegationReceiver.UNVERIFIED));
    }

    @Test
    void the_window_counts_beyond_its_key_limit_under_one_overflow_key() {
        List<RefusalWindow.Summary> out = new java.util.ArrayList<>();
        RefusalWindow window = new RefusalWindow(clock, Duration.ofSeconds(10), 2, out::add);
        assertThat(window.admit("a")).isTrue();
        assertThat(window.admit("b")).isTrue();
        assertThat(window.admit("c")).isTrue(); // first under the overflow key
        assertThat(window.admit("d")).isFalse();
        assertThat(window.admit("a")).isFalse();
        window.flushAll();
        assertThat(out).extracting(RefusalWindow.Summary::key, RefusalWindow.Summary::suppressed)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("a", 1L),
                        org.assertj.core.groups.Tuple.tuple(RefusalWindow.OVERFLOW_KEY, 1L));
    }
}

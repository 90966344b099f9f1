package dev.warden.delegation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Confidentiality;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.agent.RunStatus;
import dev.warden.core.audit.InMemoryAuditSink;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OrchestrationsTest {
    final InMemoryAuditSink audit = new InMemoryAuditSink();
    final List<Labels> startLabels = new CopyOnWriteArrayList<>();

    AgentEndpoint labelling(Confidentiality level, String suffix) {
        return (task, ctx, otel) -> {
            startLabels.add(ctx.labels());
            return Uni.createFrom().item(new DelegatedRun("r", RunStatus.COMPLETED, task + suffix,
                    ctx.labels().join(Labels.of(level)), null, List.of()));
        };
    }

    Orchestrations orchestrations(Map<String, AgentEndpoint> endpoints) {
        AgentDirectory.Builder b = AgentDirectory.builder().agent(new AgentCard("coordinator", "1", "ops", "", "none",
                List.of(), List.of(), List.of(), null));
        endpoints.keySet().forEach(id -> b.agent(new AgentCard(id, "1", "ops", id, "m", List.of(), List.of(),
                List.of(), null)).edge(TrustEdge.of("coordinator", id)));
        return new Orchestrations(new Delegator(b.build(), endpoints, DelegationLimits.DEFAULT),
                Governor.builder().auditSink(audit).build());
    }

    GovernanceContext coordinator() {
        return GovernanceContext.of(Principal.of("alice"), AgentIdentity.of("coordinator"));
    }

    @Test
    void sequence_feeds_outputs_forward_and_later_callees_start_at_earlier_labels() {
        Map<String, AgentEndpoint> e = new LinkedHashMap<>();
        e.put("researcher", labelling(Confidentiality.RESTRICTED, " +facts"));
        e.put("writer", labelling(Confidentiality.PUBLIC, " +prose"));
        var r = orchestrations(e).sequence(coordinator(), List.of("researcher", "writer"), "topic",
                Duration.ofSeconds(10)).await().indefinitely();
        assertThat(r.output()).isEqualTo("topic +facts +prose");
        assertThat(r.completed()).isTrue();
        assertThat(startLabels.get(1).level()).isEqualTo(Confidentiality.RESTRICTED);
        assertThat(r.context().labels().level()).isEqualTo(Confidentiality.RESTRICTED);
        assertThat(audit.records()).extracting(x -> x.checkpoint()).containsExactly("DELEGATION",
                "DELEGATION_RESULT", "DELEGATION", "DELEGATION_RESULT");
    }

    @Test
    void parallel_joins_all_results_and_their_labels() {
        Map<String, AgentEndpoint> e = new LinkedHashMap<>();
        e.put("x", labelling(Confidentiality.INTERNAL, "!"));
        e.put("y", labelling(Confidentiality.CONFIDENTIAL, "?"));
        var r = orchestrations(e).parallel(coordinator(), Map.of("x", "a", "y", "b"), Duration.ofSeconds(10))
                .await().indefinitely();
        assertThat(r.steps()).hasSize(2).allMatch(DelegationOutcome::delivered);
        assertThat(r.context().labels().level()).isEqualTo(Confidentiality.CONFIDENTIAL);
    }

    @Test
    void deadline_cancels_in_flight_delegations() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Map<String, AgentEndpoint> e = new LinkedHashMap<>();
        e.put("fast", labelling(Confidentiality.PUBLIC, ""));
        e.put("stuck", (task, ctx, otel) -> Uni.createFrom().<DelegatedRun>nothing()
                .onCancellation().invoke(() -> cancelled.set(true)));
        Uni<Orchestrations.OrchestrationResult> u = orchestrations(e).parallel(coordinator(),
                Map.of("fast", "a", "stuck", "b"), Duration.ofMillis(50));
        assertThatThrownBy(() -> u.await().atMost(Duration.ofSeconds(10)))
                .isInstanceOf(io.smallrye.mutiny.TimeoutException.class);
        assertThat(cancelled).isTrue();
    }
}

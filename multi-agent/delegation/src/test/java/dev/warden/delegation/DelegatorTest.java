package dev.warden.delegation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Checkpoint;
import dev.warden.core.Confidentiality;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Hop;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.TaskContext;
import dev.warden.core.agent.RunStatus;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.core.testing.TestPlanes;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DelegatorTest {
    final InMemoryAuditSink audit = new InMemoryAuditSink();
    final AtomicReference<GovernanceContext> seen = new AtomicReference<>();
    final AgentEndpoint echo = (task, ctx, otel) -> {
        seen.set(ctx);
        return Uni.createFrom().item(new DelegatedRun("r1", RunStatus.COMPLETED, "done: " + task,
                ctx.labels().join(Labels.of(Confidentiality.CONFIDENTIAL, "PCI")), null, List.of()));
    };

    AgentDirectory dir(TrustEdge... edges) {
        AgentDirectory.Builder b = AgentDirectory.builder();
        for (String id : List.of("a", "b", "c")) {
            b.agent(new AgentCard(id, "1", "team", id, "m", List.of(), List.of(), List.of(), null));
        }
        for (TrustEdge e : edges) {
            b.edge(e);
        }
        return b.build();
    }

    Delegator delegator(AgentDirectory dir, DelegationLimits limits, AgentEndpoint endpoint) {
        return new Delegator(dir, Map.of("b", endpoint, "c", endpoint), limits);
    }

    GovernanceContext caller(List<Hop> chain) {
        return new GovernanceContext(Principal.of("alice"), AgentIdentity.of("a"), TaskContext.of("run-1"), chain,
                Labels.of(Confidentiality.INTERNAL, "PII"), null);
    }

    DelegationOutcome run(Delegator d, Governor g, GovernanceContext ctx, DelegationRequest r) {
        return d.delegate(g, ctx, r).await().atMost(Duration.ofSeconds(10));
    }

    Governor governor() {
        return Governor.builder().auditSink(audit).build();
    }

    @Test
    void callee_gets_same_user_chain_plus_hop_caller_labels_and_narrowed_scopes() {
        Delegator d = delegator(dir(new TrustEdge("a", "b", Set.of("crm:read", "crm:write"), Set.of())),
                DelegationLimits.DEFAULT, echo);
        GovernanceContext ctx = caller(List.of(new Hop("root", Set.of("crm:read", "mail:send"))));
        DelegationOutcome out = run(d, governor(), ctx, DelegationRequest.of("b", "t"));

        assertThat(out.delivered()).isTrue();
        GovernanceContext callee = seen.get();
        assertThat(callee.user()).isEqualTo(ctx.user());
        assertThat(callee.labels()).isEqualTo(ctx.labels());
        assertThat(callee.chain()).containsExactly(new Hop("root", Set.of("crm:read", "mail:send")),
                new Hop("a", Set.of("crm:read")));
        assertThat(out.labels().categories()).contains("PII", "PCI");
        assertThat(audit.records()).extracting(DecisionRecord::checkpoint)
                .containsExactly("DELEGATION", "DELEGATION_RESULT");
    }

    @Test
    void refuses_cycle_depth_untrusted_edge_unknown_agent_and_empty_scopes() {
        AgentDirectory dir = dir(TrustEdge.of("a", "b"), new TrustEdge("a", "c", Set.of(), Set.of("billing")));
        Delegator d = delegator(dir, new DelegationLimits(2, 8, Duration.ofSeconds(5)), echo);
        Governor g = governor();
        assertThat(run(d, g, caller(List.of(new Hop("b", Set.of()))), DelegationRequest.of("b", "t")).code())
                .isEqualTo(DelegationCodes.CYCLE);
        assertThat(run(d, g, caller(List.of(new Hop("x", Set.of()), new Hop("y", Set.of()))),
                DelegationRequest.of("b", "t")).code()).isEqualTo(DelegationCodes.DEPTH_EXCEEDED);
        assertThat(run(d, g, caller(List.of()), DelegationRequest.of("c", "t")).code())
                .as("edge a->c is trusted for billing only").isEqualTo(DelegationCodes.UNTRUSTED_EDGE);
        assertThat(run(d, g, caller(List.of()), DelegationRequest.of("zed", "t")).code())
                .isEqualTo(DelegationCodes.UNKNOWN_AGENT);
        assertThat(run(d, g, caller(List.of(new Hop("root", Set.of("crm:read")))),
                DelegationRequest.of("b", "t").withScopes(Set.of("mail:send"))).code())
                .isEqualTo(DelegationCodes.NO_COMMON_SCOPE);
        assertThat(seen.get()).as("no callee ran").isNull();
        assertThat(audit.records()).hasSize(5).allMatch(r -> r.outcome().equals("DENY"));
    }

    @Test
    void fan_out_is_bounded_per_caller_run() {
        Delegator d = delegator(dir(TrustEdge.of("a", "b")), new DelegationLimits(3, 2, Duration.ofSeconds(5)), echo);
        Governor g = governor();
        assertThat(run(d, g, caller(List.of()), DelegationRequest.of("b", "1")).delivered()).isTrue();
        assertThat(run(d, g, caller(List.of()), DelegationRequest.of("b", "2")).delivered()).isTrue();
        assertThat(run(d, g, caller(List.of()), DelegationRequest.of("b", "3")).code())
                .isEqualTo(DelegationCodes.FAN_OUT_EXCEEDED);
    }

    @Test
    void policy_decides_the_delegation_and_the_result() {
        Governor denyEdge = Governor.builder().auditSink(audit).plane(TestPlanes.of("trust", (req, ctx) ->
                req.checkpoint() == Checkpoint.DELEGATION && "b".equals(req.target())
                        ? Decision.deny("trust", "b is not trusted for this task") : Decision.allow("trust")))
                .build();
        Delegator d = delegator(dir(TrustEdge.of("a", "b")), DelegationLimits.DEFAULT, echo);
        DelegationOutcome refused = run(d, denyEdge, caller(List.of()), DelegationRequest.of("b", "t"));
        assertThat(refused.delivered()).isFalse();
        assertThat(refused.output()).contains("not trusted");
        assertThat(seen.get()).isNull();

        Governor withholdPci = Governor.builder().plane(TestPlanes.of("egress", (req, ctx) ->
                req.checkpoint() == Checkpoint.DELEGATION_RESULT && req.contentLabels().hasCategory("PCI")
                        ? Decision.deny("egress", "no card data back") : Decision.allow("egress"))).build();
        DelegationOutcome withheld = run(d, withholdPci, caller(List.of()), DelegationRequest.of("b", "t"));
        assertThat(withheld.delivered()).isFalse();
        assertThat(withheld.labels()).isEqualTo(Labels.PUBLIC);
        assertThat(withheld.output()).doesNotContain("done");
    }

    @Test
    void a_silent_callee_times_out_and_is_cancelled() {
        AtomicBoolean cancelled = new AtomicBoolean();
        AgentEndpoint silent = (task, ctx, otel) -> Uni.createFrom().<DelegatedRun>nothing()
                .onCancellation().invoke(() -> cancelled.set(true));
        Delegator d = delegator(dir(TrustEdge.of("a", "b")), new DelegationLimits(3, 8, Duration.ofMillis(50)),
                silent);
        DelegationOutcome out = run(d, governor(), caller(List.of()), DelegationRequest.of("b", "t"));
        assertThat(out.code()).isEqualTo(DelegationCodes.TIMEOUT);
        assertThat(cancelled).isTrue();
        assertThat(audit.records()).last().satisfies(r -> assertThat(r.outcome()).isEqualTo("ERROR"));
    }

    @Test
    void directory_answers_inventory_questions_and_rejects_dangling_edges() {
        AgentDirectory d = AgentDirectory.builder()
                .agent(new AgentCard("mailer", "2", "comms", "sends mail", "m", List.of(new AgentCard.ToolSummary(
                        "send_email", Set.of(Effect.EXTERNAL_COMMUNICATION), null, true)), List.of("comms@4"),
                        List.of(), null))
                .agent(new AgentCard("boss", "1", "ops", "", "m", List.of(), List.of(),
                        List.of(TrustEdge.of("boss", "mailer")), null))
                .build();
        assertThat(d.agentsWithEffect(Effect.EXTERNAL_COMMUNICATION)).extracting(AgentCard::id)
                .containsExactly("mailer");
        assertThat(d.callersOf("mailer")).containsExactly("boss");
        assertThat(d.edge("mailer", "boss")).isEmpty();
        assertThatThrownBy(() -> AgentDirectory.builder().agent(new AgentCard("x", null, null, null, null, null,
                null, List.of(TrustEdge.of("x", "ghost")), null)).build())
                .hasMessageContaining("ghost");
    }
}

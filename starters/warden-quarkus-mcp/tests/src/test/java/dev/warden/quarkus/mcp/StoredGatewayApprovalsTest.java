package dev.warden.quarkus.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Governor;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.WardenCodes;
import dev.warden.core.agent.ApprovalException;
import dev.warden.core.agent.InMemorySuspendedRunStore;
import dev.warden.core.agent.PendingApproval;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.core.testing.TestClock;
import dev.warden.core.tools.ToolRegistry;
import dev.warden.mcp.gateway.GatewayApprovals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Gateway approvals kept in the service's suspended-run store, without Quarkus. */
class StoredGatewayApprovalsTest {
    final TestClock clock = TestClock.at("2026-11-25T10:00:00Z");
    final InMemorySuspendedRunStore store = new InMemorySuspendedRunStore();
    final InMemoryAuditSink audit = new InMemoryAuditSink();
    final StoredGatewayApprovals approvals = new StoredGatewayApprovals(store,
            Governor.builder().auditSink(audit).clock(clock).build(), clock);
    final Principal alice = Principal.of("alice", "analyst");
    final Principal bob = Principal.of("bob", "manager");

    StoredGatewayApprovalsTest() {
        approvals.bind(AgentIdentity.of("crm-mcp"), ToolRegistry.builder().build(), Labels.untrusted());
    }

    GatewayApprovals.Pending ask(String digest) {
        return approvals.request(alice, "update_customer", Map.of("id", "c-1"), digest, Set.of("manager"),
                List.of("tier-rule"), "needs a manager", Duration.ofHours(1));
    }

    @Test
    void a_repeated_gated_call_reuses_its_pending_approval_which_approvers_find_in_the_shared_store() {
        GatewayApprovals.Pending first = ask("d1");
        assertThat(ask("d1").approvalId()).isEqualTo(first.approvalId());
        assertThat(ask("d2").approvalId()).isNotEqualTo(first.approvalId());
        assertThat(store.pending(Principal.DEFAULT_TENANT)).extracting(p -> p.agentId() + "/" + p.requesterId())
                .containsOnly("crm-mcp/alice");
        assertThat(approvals.owns(first.approvalId())).isTrue();
        assertThat(approvals.owns("not-there")).isFalse();
    }

    @Test
    void only_another_user_with_an_approver_role_in_the_same_tenant_may_decide() {
        String id = ask("d1").approvalId();
        assertThatThrownBy(() -> approvals.decide(id, alice, true, null)).isInstanceOfSatisfying(
                ApprovalException.class, e -> assertThat(e.code()).isEqualTo(ApprovalException.SELF_APPROVAL));
        assertThatThrownBy(() -> approvals.decide(id, Principal.of("carl", "analyst"), true, null))
                .isInstanceOfSatisfying(ApprovalException.class,
                        e -> assertThat(e.code()).isEqualTo(ApprovalException.NOT_AUTHORIZED));
        assertThatThrownBy(() -> approvals.decide(id, new Principal("eve", "other", Set.of("manager"), Map.of()),
                true, null)).isInstanceOfSatisfying(ApprovalException.class,
                        e -> assertThat(e.code()).isEqualTo(ApprovalException.UNKNOWN));
        assertThat(approvals.consume(alice, "update_customer", "d1")).isEmpty();
    }

    @Test
    void an_approval_grants_exactly_one_identical_call_by_the_requester() {
        String id = ask("d1").approvalId();
        assertThat(approvals.decide(id, bob, true, "fine").status()).isEqualTo("APPROVED");
        assertThat(approvals.consume(bob, "update_customer", "d1")).isEmpty();
        assertThat(approvals.consume(alice, "update_customer", "d2")).isEmpty();
        assertThat(approvals.consume(alice, "update_customer", "d1")).hasValueSatisfying(g -> {
            assertThat(g.approverId()).isEqualTo("bob");
            assertThat(g.pending().arguments()).isEqualTo(Map.of("id", "c-1"));
        });
        assertThat(approvals.consume(alice, "update_customer", "d1")).isEmpty();
        assertThat(store.pending(null)).isEmpty();
    }

    @Test
    void a_grant_is_kept_in_the_shared_store_so_another_replica_or_a_restarted_service_honours_it_once() {
        String id = ask("d1").approvalId();
        approvals.decide(id, bob, true, "fine");
        // the grant is in the store but hidden from approvers and cannot itself be decided
        PendingApproval grant = store.pending(Principal.DEFAULT_TENANT).stream()
                .filter(p -> p.runId().startsWith(StoredGatewayApprovals.GRANT_PREFIX)).findFirst().orElseThrow();
        assertThat(approvals.lists(grant)).isFalse();
        assertThat(approvals.owns(grant.approvalId())).isTrue();
        assertThatThrownBy(() -> approvals.decide(grant.approvalId(), bob, true, null))
                .isInstanceOfSatisfying(ApprovalException.class,
                        e -> assertThat(e.code()).isEqualTo(ApprovalException.UNKNOWN));

        StoredGatewayApprovals otherReplica = new StoredGatewayApprovals(store,
                Governor.builder().auditSink(new InMemoryAuditSink()).clock(clock).build(), clock);
        otherReplica.bind(AgentIdentity.of("crm-mcp"), ToolRegistry.builder().build(), Labels.untrusted());
        assertThat(otherReplica.consume(alice, "update_customer", "d1"))
                .hasValueSatisfying(g -> assertThat(g.approverId()).isEqualTo("bob"));
        assertThat(approvals.consume(alice, "update_customer", "d1")).isEmpty();
        assertThat(otherReplica.consume(alice, "update_customer", "d1")).isEmpty();
        assertThat(store.pending(null)).isEmpty();
    }

    @Test
    void an_unused_grant_expires_silently() {
        approvals.decide(ask("d1").approvalId(), bob, true, null);
        clock.advance(Duration.ofHours(2));
        assertThat(approvals.expireOverdue()).isZero();
        assertThat(store.pending(null)).isEmpty();
        assertThat(audit.records()).isEmpty();
    }

    @Test
    void of_concurrent_decisions_exactly_one_wins() throws Exception {
        String id = ask("d1").approvalId();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tasks.add(() -> {
                try {
                    return approvals.decide(id, bob, true, null).status();
                } catch (ApprovalException e) {
                    return e.code();
                }
            });
        }
        List<String> results = new ArrayList<>();
        for (Future<String> f : pool.invokeAll(tasks)) {
            results.add(f.get());
        }
        pool.shutdown();
        assertThat(results).containsOnlyOnce("APPROVED");
        assertThat(results).filteredOn(r -> !r.equals("APPROVED")).containsOnly(ApprovalException.ALREADY_RESOLVED);
    }

    @Test
    void denials_and_expiries_are_recorded_and_an_expired_grant_is_not_honoured() {
        String denied = ask("d1").approvalId();
        approvals.decide(denied, bob, false, "no");
        String granted = ask("d2").approvalId();
        approvals.decide(granted, bob, true, null);
        ask("d3");
        clock.advance(Duration.ofHours(2));

        assertThat(approvals.expireOverdue()).isEqualTo(1);
        assertThat(approvals.consume(alice, "update_customer", "d2")).isEmpty();
        assertThat(audit.records()).extracting(DecisionRecord::code)
                .containsExactly(WardenCodes.APPROVAL_DENIED, WardenCodes.APPROVAL_EXPIRED);
        assertThat(audit.records()).extracting(DecisionRecord::agentId).containsOnly("crm-mcp");
    }
}

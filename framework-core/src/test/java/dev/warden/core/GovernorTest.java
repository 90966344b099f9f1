package dev.warden.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.core.testing.TestPlanes;
import dev.warden.spi.AsyncPolicyPlane;
import dev.warden.spi.AuditSink;
import dev.warden.core.audit.ChainVerification;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GovernorTest {
    private final GovernanceContext ctx = GovernanceContext.of(Principal.of("alice", "analyst"), AgentIdentity.of("a"))
            .withTask(TaskContext.of("run-1"));
    private final CheckpointRequest call = CheckpointRequest.toolCall(1, ToolDescriptor.named("crm.update",
            Effect.WRITE), "c1", Map.of("id", 7));

    @Test
    void allows_when_every_plane_allows() {
        Verdict v = Governor.builder().plane(TestPlanes.allowAll("a")).plane(TestPlanes.allowAll("b")).build()
                .check(call, ctx);
        assertThat(v.outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(v.decisions()).extracting(PlaneDecision::plane).containsExactly("a", "b");
    }

    @Test
    void denies_when_a_plane_throws_and_records_it_as_an_error_not_a_deny() {
        Verdict v = Governor.builder().plane(TestPlanes.allowAll("ok")).plane(TestPlanes.throwing("bad")).build()
                .check(call, ctx);
        assertThat(v.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(v.code()).isEqualTo(WardenCodes.PLANE_ERROR);
        assertThat(v.decisions()).filteredOn(pd -> pd.plane().equals("bad")).singleElement()
                .extracting(PlaneDecision::decision).isInstanceOf(Decision.Failure.class);
    }

    @Test
    void denies_when_a_plane_returns_null() {
        Verdict v = Governor.builder().plane(TestPlanes.of("null", (r, c) -> null)).build().check(call, ctx);
        assertThat(v.outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void denies_when_a_synchronous_plane_exceeds_its_budget() {
        Verdict v = Governor.builder().plane(TestPlanes.slow("slow", Duration.ofMillis(5), Duration.ofMillis(40)))
                .build().check(call, ctx);
        assertThat(v.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(v.code()).isEqualTo(WardenCodes.PLANE_TIMEOUT);
    }

    @Test
    void cancels_an_async_plane_that_exceeds_its_budget() {
        AsyncPolicyPlane hanging = new AsyncPolicyPlane() {
            public String name() {
                return "remote-pdp";
            }

            public Set<Checkpoint> checkpoints() {
                return EnumSet.of(Checkpoint.TOOL_CALL);
            }

            public Duration timeBudget() {
                return Duration.ofMillis(50);
            }

            public Uni<Decision> evaluateAsync(CheckpointRequest r, GovernanceContext c) {
                return Uni.createFrom().nothing();
            }
        };
        Verdict v = Governor.builder().plane(hanging).build().evaluate(call, ctx).await().atMost(Duration.ofSeconds(5));
        assertThat(v.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(v.code()).isEqualTo(WardenCodes.PLANE_TIMEOUT);
    }

    @Test
    void evaluates_async_planes_in_order_with_sync_planes() {
        AsyncPolicyPlane asyncDeny = new AsyncPolicyPlane() {
            public String name() {
                return "async";
            }

            public Set<Checkpoint> checkpoints() {
                return EnumSet.of(Checkpoint.TOOL_CALL);
            }

            public Uni<Decision> evaluateAsync(CheckpointRequest r, GovernanceContext c) {
                return Uni.createFrom().item(Decision.deny("async", "remote says no"));
            }
        };
        Verdict v = Governor.builder().plane(asyncDeny).plane(TestPlanes.allowAll("sync")).build().check(call, ctx);
        assertThat(v.outcome()).isEqualTo(Outcome.DENY);
        assertThat(v.reason()).isEqualTo("remote says no");
    }

    @Test
    void planes_run_by_priority_then_name_whatever_the_registration_order() {
        List<String> seen = new ArrayList<>();
        var late = TestPlanes.of("z-late", 900, EnumSet.allOf(Checkpoint.class), (r, c) -> {
            seen.add("z-late:" + r.arguments().get("id"));
            return Decision.allow("z-late");
        });
        var early = TestPlanes.of("a-early", 100, EnumSet.allOf(Checkpoint.class), (r, c) -> {
            seen.add("a-early");
            return Decision.redactArguments(Map.of("id", "***"), "mask id", Basis.of("a-early"));
        });
        Verdict v = Governor.builder().plane(late).plane(early).build().check(call, ctx);
        assertThat(seen).containsExactly("a-early", "z-late:***");
        assertThat(v.outcome()).isEqualTo(Outcome.TRANSFORM);
        assertThat(v.effectiveRequest().arguments()).containsEntry("id", "***");
    }

    @Test
    void monitor_mode_deny_is_recorded_but_not_enforced() {
        var shadow = TestPlanes.of("shadow", (r, c) -> Decision.deny("would deny", "X-1",
                Basis.rule("shadow", "new-set", "2", "r1").monitor()));
        InMemoryAuditSink sink = new InMemoryAuditSink();
        Verdict v = Governor.builder().plane(shadow).auditSink(sink).build().check(call, ctx);
        assertThat(v.outcome()).isEqualTo(Outcome.ALLOW);
        DecisionRecord.PlaneEntry entry = sink.records().get(0).planes().get(0);
        assertThat(entry.decision()).isEqualTo("DENY");
        assertThat(entry.mode()).isEqualTo("MONITOR");
        assertThat(entry.ruleIds()).containsExactly("r1");
    }

    @Test
    void rejects_two_planes_with_the_same_name() {
        assertThatThrownBy(() -> Governor.builder().plane(TestPlanes.allowAll("x")).plane(TestPlanes.allowAll("x"))
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'");
    }

    @Test
    void a_null_request_is_denied_not_thrown() {
        Governor g = Governor.builder().plane(TestPlanes.allowAll("a")).build();
        assertThat(g.check(null, ctx).outcome()).isEqualTo(Outcome.DENY);
        assertThat(g.check(call, null).outcome()).isEqualTo(Outcome.DENY);
        assertThat(g.check(null, ctx).code()).isEqualTo(WardenCodes.MALFORMED_REQUEST);
    }

    @Test
    void an_action_that_cannot_be_audited_is_not_allowed() {
        AuditSink broken = new AuditSink() {
            public DecisionRecord append(DecisionRecord record) {
                throw new IllegalStateException("disk full");
            }

            public ChainVerification verify() {
                return ChainVerification.ok(0);
            }
        };
        Verdict v = Governor.builder().plane(TestPlanes.allowAll("a")).auditSink(broken).build().check(call, ctx);
        assertThat(v.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(v.code()).isEqualTo(WardenCodes.AUDIT_UNAVAILABLE);
    }

    @Test
    void observers_cannot_change_outcomes() {
        Verdict v = Governor.builder().plane(TestPlanes.denyTool("deny", "crm.update"))
                .observer((r, c, verdict, rec) -> {
                    throw new IllegalStateException("observer bug");
                }).build().check(call, ctx);
        assertThat(v.outcome()).isEqualTo(Outcome.DENY);
    }

    @Test
    void audit_record_names_rules_policy_and_labels() {
        var plane = TestPlanes.of("action-boundary", (r, c) -> Decision.deny("CRM is read-only", "WARDEN-ACT-0001",
                Basis.rule("action-boundary", "crm-analyst", "7", "crm-read-only")));
        InMemoryAuditSink sink = new InMemoryAuditSink();
        Governor.builder().plane(plane).auditSink(sink).build().check(call, ctx);
        DecisionRecord r = sink.records().get(0);
        assertThat(r.outcome()).isEqualTo("DENY");
        assertThat(r.ruleIds()).containsExactly("crm-read-only");
        assertThat(r.policies()).containsExactly("crm-analyst@7");
        assertThat(r.tool()).isEqualTo("crm.update");
        assertThat(r.userId()).isEqualTo("alice");
        assertThat(r.runId()).isEqualTo("run-1");
        assertThat(r.argsDigest()).hasSize(64);
        assertThat(r.args()).as("arguments are not stored unless capture is on").isNull();
        assertThat(r.seq()).isEqualTo(1L);
    }
}

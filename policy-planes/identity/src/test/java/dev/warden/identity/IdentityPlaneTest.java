package dev.warden.identity;

import static dev.warden.identity.IdentityFixtures.call;
import static dev.warden.identity.IdentityFixtures.tenantUser;
import static dev.warden.identity.IdentityFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Hop;
import dev.warden.core.Labels;
import dev.warden.core.testing.TestClock;
import dev.warden.identity.internal.ContextualChecks;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicySource;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentityPlaneTest {
    final IdentityPlane tenanted = IdentityPlane.builder()
            .agentTenant("crm-assistant", "acme")
            .toolTenant("crm.read", "acme")
            .requiredScope("reports.export", "reports:export")
            .build();

    @Test
    void has_the_documented_name_priority_and_all_checkpoints_by_default() {
        assertThat(tenanted.name()).isEqualTo("identity");
        assertThat(tenanted.priority()).isEqualTo(100);
        assertThat(tenanted.checkpoints()).containsExactlyInAnyOrder(Checkpoint.values());
    }

    @Test
    void allows_a_user_of_the_agents_tenant() {
        assertThat(tenanted.evaluate(call("crm.read", Effect.READ), user("ann", "junior-analyst")))
                .isInstanceOf(Decision.Allow.class);
    }

    @Test
    void denies_a_user_of_another_tenant_at_every_checkpoint() {
        GovernanceContext globex = tenantUser("gus", "globex", null, "junior-analyst");
        Decision d = tenanted.evaluate(CheckpointRequest.content(Checkpoint.MODEL_REQUEST, 1, "hi", Labels.PUBLIC),
                globex);
        assertThat(d).isInstanceOfSatisfying(Decision.Deny.class, deny -> {
            assertThat(deny.code()).isEqualTo(IdentityCodes.AGENT_TENANT_MISMATCH);
            assertThat(deny.reason()).contains("acme").contains("globex");
            assertThat(deny.basis().ruleIds()).containsExactly(ContextualChecks.RULE_AGENT_TENANT);
        });
    }

    @Test
    void denies_a_tenant_bound_tool_for_a_user_of_another_tenant() {
        IdentityPlane plane = IdentityPlane.builder().toolTenant("crm.read", "acme").build();
        Decision d = plane.evaluate(call("crm.read", Effect.READ), tenantUser("gus", "globex", null, "junior-analyst"));
        assertThat(d).isInstanceOfSatisfying(Decision.Deny.class,
                deny -> assertThat(deny.code()).isEqualTo(IdentityCodes.TOOL_TENANT_MISMATCH));
        assertThat(plane.evaluate(call("crm.write"), tenantUser("gus", "globex", null))).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void delegated_rights_are_the_intersection_of_the_scopes_along_the_chain() {
        GovernanceContext chained = user("vic", "vp-engineering")
                .withHop(new Hop("planner", Set.of("crm.read", "reports:export", "email.draft")))
                .withHop(new Hop("writer", Set.of("crm.read", "email.draft")));
        assertThat(tenanted.evaluate(call("crm.read"), chained)).isInstanceOf(Decision.Allow.class);
        Decision export = tenanted.evaluate(call("reports.export"), chained);
        assertThat(export).isInstanceOfSatisfying(Decision.Deny.class, deny -> {
            assertThat(deny.code()).isEqualTo(IdentityCodes.SCOPE_NOT_DELEGATED);
            assertThat(deny.reason()).contains("reports:export").contains("'writer'");
            assertThat(deny.basis().ruleIds()).containsExactly(ContextualChecks.RULE_DELEGATED_SCOPE);
        });
    }

    @Test
    void an_unscoped_hop_does_not_narrow_but_a_scoped_one_does() {
        GovernanceContext unscoped = user("vic", "vp-engineering").withHop(new Hop("planner", Set.of()));
        assertThat(tenanted.evaluate(call("reports.export"), unscoped)).isInstanceOf(Decision.Allow.class);
        GovernanceContext narrowed = unscoped.withHop(new Hop("writer", Set.of("crm.read")));
        assertThat(tenanted.evaluate(call("reports.export"), narrowed)).isInstanceOf(Decision.Deny.class);
    }

    @Test
    void a_tool_without_a_declared_scope_needs_its_own_name_as_scope() {
        GovernanceContext chained = user("ann", "junior-analyst").withHop(new Hop("planner", Set.of("crm.read")));
        assertThat(tenanted.evaluate(call("crm.read"), chained)).isInstanceOf(Decision.Allow.class);
        assertThat(tenanted.evaluate(call("crm.write"), chained)).isInstanceOf(Decision.Deny.class);
    }

    @Test
    void denies_malformed_tool_calls_and_delegations() {
        CheckpointRequest noTool = new CheckpointRequest(Checkpoint.TOOL_CALL, 1, null, "c", null, null, null, null,
                null);
        CheckpointRequest noTarget = new CheckpointRequest(Checkpoint.DELEGATION, 1, null, null, null, "task", null,
                " ", null);
        for (CheckpointRequest r : new CheckpointRequest[] {noTool, noTarget}) {
            assertThat(tenanted.evaluate(r, user("ann", "junior-analyst"))).isInstanceOfSatisfying(
                    Decision.Deny.class, d -> assertThat(d.code()).isEqualTo(IdentityCodes.MALFORMED_REQUEST));
        }
    }

    @Test
    void evaluates_identity_rules_of_the_engine_with_purpose_and_attributes() {
        PolicyEngine engine = PolicyEngine.builder().clock(TestClock.at("2024-05-06T08:00:00Z")).build();
        engine.load(new PolicySource("inline.yaml", """
                apiVersion: warden.dev/v1
                kind: PolicySet
                metadata: { name: purpose, version: 3 }
                rules:
                  - id: hr-data-only-for-hr-purpose
                    plane: identity
                    on: [TOOL_CALL]
                    when: tool.name == "hr.read" && (task.purpose != "hr-case" || user.attributes["dept"] != "hr")
                    decision: deny
                """));
        IdentityPlane plane = IdentityPlane.builder().engine(engine).build();
        GovernanceContext hr = new GovernanceContext(new dev.warden.core.Principal("hana", "acme", Set.of(),
                java.util.Map.of("dept", "hr")), AgentIdentity.of("hr-bot"),
                new dev.warden.core.TaskContext("r", null, "hr-case"), null, null, null);
        assertThat(plane.evaluate(call("hr.read"), hr)).isInstanceOf(Decision.Allow.class);
        Decision d = plane.evaluate(call("hr.read"), hr.withTask(new dev.warden.core.TaskContext("r", null, "chat")));
        assertThat(d).isInstanceOfSatisfying(Decision.Deny.class, deny -> {
            assertThat(deny.basis().ruleIds()).containsExactly("hr-data-only-for-hr-purpose");
            assertThat(deny.basis().policySet()).isEqualTo("purpose");
            assertThat(deny.basis().policyVersion()).isEqualTo("3");
        });
    }

    @Test
    void built_in_checks_run_before_rules_so_a_rule_allow_cannot_lift_a_tenant_denial() {
        PolicyEngine engine = PolicyEngine.builder().build();
        engine.load(new PolicySource("allow.yaml", """
                apiVersion: warden.dev/v1
                kind: PolicySet
                metadata: { name: permissive, version: 1 }
                rules:
                  - id: allow-all
                    plane: identity
                    on: [TOOL_CALL]
                    when: "true"
                    decision: allow
                """));
        IdentityPlane plane = IdentityPlane.builder().engine(engine).agentTenant("crm-assistant", "acme").build();
        assertThat(plane.evaluate(call("crm.read"), tenantUser("gus", "globex", null))).isInstanceOf(Decision.Deny.class);
    }
}

package dev.warden.action;

import static dev.warden.action.ActionFixtures.call;
import static dev.warden.action.ActionFixtures.ctx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.action.internal.ToolLists;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import dev.warden.core.Governor;
import dev.warden.core.Outcome;
import dev.warden.core.Verdict;
import dev.warden.core.testing.TestClock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tool lists and the example policy's rules: effects, SQL, argument constraints, approvals, transforms. */
class ActionRulesTest {
    final TestClock clock = TestClock.at("2024-05-06T08:00:00Z");
    final ActionBoundaryPlane plane = ActionBoundaryPlane.builder().engine(ActionFixtures.engine(clock)).clock(clock)
            .allowTools("crm-analyst", "crm.*", "sql.query", "reports.export", "email.*", "payments.transfer",
                    "infra.deploy")
            .denyTools("*", "shell.exec")
            .denyTools("crm-analyst", "email.bulk")
            .build();

    Decision eval(CheckpointRequest r) {
        return plane.evaluate(r, ctx());
    }

    static void denied(Decision d, String code, String rule) {
        assertThat(d).isInstanceOfSatisfying(Decision.Deny.class, deny -> {
            assertThat(deny.code()).isEqualTo(code);
            assertThat(deny.basis().ruleIds()).containsExactly(rule);
        });
    }

    @Test
    void has_the_documented_name_and_priority() {
        assertThat(plane.name()).isEqualTo("action-boundary");
        assertThat(plane.priority()).isEqualTo(200);
    }

    @Test
    void allow_and_deny_lists_per_agent() {
        denied(eval(call("shell.exec", Map.of())), ActionCodes.TOOL_DENIED, ToolLists.RULE_DENY_LIST);
        denied(eval(call("email.bulk", Map.of())), ActionCodes.TOOL_DENIED, ToolLists.RULE_DENY_LIST);
        denied(eval(call("web.fetch", Map.of())), ActionCodes.TOOL_NOT_ALLOWED, ToolLists.RULE_ALLOW_LIST);
        assertThat(eval(call("crm.lookup", Map.of(), Effect.READ))).isInstanceOf(Decision.Allow.class);
        // another agent has no allow list: only the global deny list applies to it
        assertThat(plane.evaluate(call("web.fetch", Map.of()), ActionFixtures.ctx("ann", "researcher", "r")))
                .isInstanceOf(Decision.Allow.class);
        denied(plane.evaluate(call("shell.exec", Map.of()), ActionFixtures.ctx("ann", "researcher", "r")),
                ActionCodes.TOOL_DENIED, ToolLists.RULE_DENY_LIST);
    }

    @Test
    void crm_is_read_only_by_effect_whatever_the_tool_is_called() {
        assertThat(eval(call("crm.accounts", Map.of(), Effect.READ))).isInstanceOf(Decision.Allow.class);
        denied(eval(call("crm.accounts.update", Map.of(), Effect.WRITE)), ActionCodes.EXAMPLE_CRM_READ_ONLY,
                "crm-read-only");
        denied(eval(call("crm.purge", Map.of(), Effect.READ, Effect.DELETE)), ActionCodes.EXAMPLE_CRM_READ_ONLY,
                "crm-read-only");
    }

    @Test
    void sql_is_select_only_even_when_a_write_hides_behind_a_select() {
        assertThat(eval(call("sql.query", Map.of("query", "SELECT * FROM deals WHERE stage = 'won'"))))
                .isInstanceOf(Decision.Allow.class);
        for (String q : new String[] {"DELETE FROM deals", "SELECT 1; DROP TABLE deals", "update deals set x=1"}) {
            denied(eval(call("sql.query", Map.of("query", q))), ActionCodes.EXAMPLE_SQL_SELECT_ONLY,
                    "sql-select-only");
        }
    }

    @Test
    void argument_constraints_in_cel() {
        assertThat(eval(call("reports.export", Map.of("rows", 500)))).isInstanceOf(Decision.Allow.class);
        denied(eval(call("reports.export", Map.of("rows", 50_000))), ActionCodes.EXAMPLE_ARGUMENT_CONSTRAINT,
                "export-at-most-10k-rows");
        denied(eval(call("reports.export", Map.of())), ActionCodes.EXAMPLE_ARGUMENT_CONSTRAINT,
                "export-at-most-10k-rows");
    }

    @Test
    void drafting_is_free_but_sending_needs_a_managers_approval() {
        assertThat(eval(call("email.draft", Map.of("to", "bob@acme.com")))).isInstanceOf(Decision.Allow.class);
        assertThat(eval(call("email.send", Map.of("to", "bob@acme.com"))))
                .isInstanceOfSatisfying(Decision.RequireApproval.class, a -> {
                    assertThat(a.approverRoles()).containsExactly("manager");
                    assertThat(a.ttl()).isEqualTo(Duration.ofHours(4));
                    assertThat(a.basis().ruleIds()).containsExactly("send-needs-approval");
                });
    }

    @Test
    void transforms_clamp_strip_and_force_arguments_with_the_reason_recorded() {
        assertThat(eval(call("payments.transfer", Map.of("amount", 5000, "to", "DE89"))))
                .isInstanceOfSatisfying(Decision.Transform.class, t -> {
                    assertThat(t.arguments()).containsEntry("amount", 1000.0).containsEntry("to", "DE89");
                    assertThat(t.reason()).isEqualTo("transfers are clamped to 1000");
                });
        assertThat(eval(call("payments.transfer", Map.of("amount", 10)))).isInstanceOf(Decision.Allow.class);
        assertThat(eval(call("email.draft", Map.of("to", "bob@acme.com", "internal_notes", "churn risk"))))
                .isInstanceOfSatisfying(Decision.Transform.class, t -> {
                    assertThat(t.arguments()).containsOnlyKeys("to");
                    assertThat(t.reason()).contains("internal notes");
                });
        assertThat(eval(call("infra.deploy", Map.of("service", "crm", "dry_run", false))))
                .isInstanceOfSatisfying(Decision.Transform.class,
                        t -> assertThat(t.arguments()).containsEntry("dry_run", true));
    }

    @Test
    void through_the_governor_the_tool_receives_the_transformed_arguments() {
        Verdict v = Governor.builder().plane(plane).build()
                .check(call("infra.deploy", Map.of("service", "crm", "dry_run", false)), ctx());
        assertThat(v.outcome()).isEqualTo(Outcome.TRANSFORM);
        assertThat(v.effectiveRequest().arguments()).containsEntry("dry_run", true).containsEntry("service", "crm");
        assertThat(v.ruleIds()).contains("deploys-are-dry-runs");
    }

    @Test
    void a_tool_call_without_a_tool_is_denied_as_malformed() {
        CheckpointRequest noTool = new CheckpointRequest(Checkpoint.TOOL_CALL, 1, null, "c", null, null, null, null,
                null);
        denied(eval(noTool), ActionCodes.MALFORMED_REQUEST, ActionBoundaryPlane.RULE_MALFORMED);
    }

    @Test
    void without_an_engine_only_lists_and_budgets_apply() {
        ActionBoundaryPlane bare = ActionBoundaryPlane.builder().checkpoints(Set.of(Checkpoint.TOOL_CALL)).build();
        assertThat(bare.checkpoints()).containsExactly(Checkpoint.TOOL_CALL);
        assertThat(bare.evaluate(call("crm.update", Map.of(), Effect.WRITE), ctx())).isInstanceOf(Decision.Allow.class);
    }
}

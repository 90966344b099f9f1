package dev.warden.policy;

import static dev.warden.policy.Fixtures.as;
import static dev.warden.policy.Fixtures.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Basis;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {
    private final PolicyEngine engine = Fixtures.engine("crm-analyst.yaml", "overrides.yaml");

    @Test
    void denies_update_when_sql_is_not_select() {
        Decision d = engine.evaluate("action-boundary",
                call("sql.query", Map.of("query", "UPDATE accounts SET owner = 'x'"), Effect.READ), as("alice"));
        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(((Decision.Deny) d).reason()).isEqualTo("only SELECT statements may run");
        assertThat(((Decision.Deny) d).code()).isEqualTo(PolicyCodes.RULE_DENY);
        assertThat(d.basis()).isEqualTo(Basis.rule("action-boundary", "crm-analyst", "7", "sql-select-only"));
    }

    @Test
    void allows_select_query() {
        Decision d = engine.evaluate("action-boundary",
                call("sql.query", Map.of("query", "SELECT * FROM accounts"), Effect.READ), as("alice"));
        assertThat(d).isInstanceOf(Decision.Allow.class);
        assertThat(d.basis().ruleIds()).isEmpty();
    }

    @Test
    void denies_crm_write_with_declared_code() {
        Decision d = engine.evaluate("action-boundary", call("crm.update", Map.of(), Effect.WRITE), as("alice"));
        assertThat(d).isInstanceOfSatisfying(Decision.Deny.class, deny -> {
            assertThat(deny.code()).isEqualTo("WARDEN-ACT-0101");
            assertThat(deny.reason()).isEqualTo("CRM is read-only for this agent");
        });
    }

    @Test
    void higher_priority_allow_overrides_lower_priority_deny_and_keeps_obligations() {
        Decision d = engine.evaluate("action-boundary", call("crm.update", Map.of(), Effect.WRITE),
                as("olga", "crm-admin"));
        assertThat(d).isInstanceOfSatisfying(Decision.Allow.class, a -> {
            assertThat(a.obligations()).extracting(o -> o.type()).containsExactly("log-full-args", "notify");
            assertThat(a.obligations().get(1).parameters()).containsEntry("channel", "security");
            assertThat(a.basis().ruleIds()).containsExactly("ops-may-write-crm");
            assertThat(a.basis().policySet()).isEqualTo("overrides");
        });
    }

    @Test
    void highest_priority_deny_beats_allow() {
        Decision d = engine.evaluate("action-boundary", call("crm.delete", Map.of(), Effect.DELETE),
                as("olga", "crm-admin"));
        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(d.basis().ruleIds()).containsExactly("never-delete-crm");
        assertThat(d.basis().policyVersion()).isEqualTo("2024-05-01");
    }

    @Test
    void deny_overrides_approval_at_the_same_priority() {
        Decision external = engine.evaluate("action-boundary",
                call("email.send", Map.of("to", "bob@evil.example"), Effect.EXTERNAL_COMMUNICATION), as("alice"));
        assertThat(external).isInstanceOf(Decision.Deny.class);
        assertThat(external.basis().ruleIds()).containsExactly("external-email-only-to-acme");

        Decision internal = engine.evaluate("action-boundary",
                call("email.send", Map.of("to", "Bob <bob@ACME.com>"), Effect.EXTERNAL_COMMUNICATION), as("alice"));
        assertThat(internal).isInstanceOfSatisfying(Decision.RequireApproval.class, ra -> {
            assertThat(ra.approverRoles()).containsExactly("manager");
            assertThat(ra.ttl()).isEqualTo(Duration.ofHours(4));
        });
    }

    @Test
    void transform_clamps_amount_forces_dry_run_and_strips_memo() {
        Decision d = engine.evaluate("action-boundary", call("payments.transfer",
                Map.of("amount", 5000, "to", "DE89", "memo", "hi"), Effect.FINANCIAL), as("alice"));
        assertThat(d).isInstanceOfSatisfying(Decision.Transform.class, t -> {
            assertThat(t.arguments()).containsEntry("amount", 1000L).containsEntry("dry_run", true)
                    .containsEntry("to", "DE89").doesNotContainKey("memo");
            assertThat(t.reason()).contains("clamped");
        });
        Decision small = engine.evaluate("action-boundary", call("payments.transfer",
                Map.of("amount", 10.5, "to", "DE89"), Effect.FINANCIAL), as("alice"));
        assertThat(small).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void missing_argument_fails_closed_instead_of_allowing() {
        Decision d = engine.evaluate("action-boundary", call("sql.query", Map.of(), Effect.READ), as("alice"));
        assertThat(d).isInstanceOfSatisfying(Decision.Failure.class, f -> {
            assertThat(f.code()).isEqualTo(PolicyCodes.EVALUATION_ERROR);
            assertThat(f.basis().ruleIds()).containsExactly("sql-select-only");
        });
    }

    @Test
    void monitor_rule_reports_what_it_would_decide_without_enforcing() {
        Decision d = engine.evaluate("action-boundary", call("reports.export", Map.of("rows", 50_000), Effect.READ),
                as("alice"));
        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(d.basis().mode()).isEqualTo(Basis.Mode.MONITOR);
        assertThat(d.basis().enforced()).isFalse();
        assertThat(d.basis().ruleIds()).containsExactly("shadow-large-export");

        Decision small = engine.evaluate("action-boundary", call("reports.export", Map.of("rows", 5), Effect.READ),
                as("alice"));
        assertThat(small).isInstanceOf(Decision.Allow.class);
        assertThat(small.basis().enforced()).isTrue();
    }

    @Test
    void rules_of_other_planes_do_not_leak() {
        Decision id = engine.evaluate("identity", call("email.send", Map.of("to", "a@acme.com"),
                Effect.EXTERNAL_COMMUNICATION), as("jo", "junior-analyst"));
        assertThat(id.basis().ruleIds()).containsExactly("junior-no-external");
        Decision other = engine.evaluate("identity", call("email.send", Map.of("to", "a@acme.com"),
                Effect.EXTERNAL_COMMUNICATION), as("vp", "vp-engineering"));
        assertThat(other).isInstanceOf(Decision.Allow.class);
        assertThat(engine.evaluate("unknown-plane", call("crm.delete", Map.of()), as("a")))
                .isInstanceOf(Decision.Allow.class);
    }
}

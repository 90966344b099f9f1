package dev.warden.policy.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.AgentIdentity;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Principal;
import dev.warden.core.ToolDescriptor;
import dev.warden.policy.PolicyCodes;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicySource;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A deny that rests on SQL beyond the analysis bound says so: {@code WARDEN-POL-0740} instead of the rule's own code
 * (decision 0049), while the rule stays on the record; any other deny keeps its code.
 */
class SqlTooComplexDecisionTest {
    static final GovernanceContext CTX = GovernanceContext.of(Principal.of("jane", "analyst"),
            AgentIdentity.of("crm"));

    @AfterEach
    void restoreTheDefaultBudget() {
        SqlParseBudget.configure(SqlParseBudget.DEFAULT);
    }

    /** One engine for the class: compiling a policy set costs more than these evaluations. */
    static final PolicyEngine ENGINE = selectOnly();

    static PolicyEngine engine() {
        return ENGINE;
    }

    static PolicyEngine selectOnly() {
        PolicyEngine engine = PolicyEngine.builder().build();
        engine.load(new PolicySource("crm", """
                apiVersion: warden.dev/v1
                kind: PolicySet
                metadata: { name: crm, version: 1 }
                rules:
                  - id: sql-select-only
                    plane: action-boundary
                    on: [TOOL_CALL]
                    when: tool.name == "sql.query" && sql.kind(args.query) != "SELECT"
                    decision: deny
                    code: CRM-SQL-0001
                    reason: only SELECT statements may run
                """));
        return engine;
    }

    static CheckpointRequest query(String sql) {
        return CheckpointRequest.toolCall(1, ToolDescriptor.named("sql.query", Effect.READ), "call-1",
                Map.of("query", sql));
    }

    @Test
    void a_select_only_deny_of_sql_beyond_the_parse_budget_carries_pol_0740() {
        Decision d = engine().evaluate("action-boundary", query(SqlParseBudgetTest.pathological(6)), CTX);

        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(d.code()).isEqualTo(PolicyCodes.SQL_TOO_COMPLEX);
        assertThat(d.reason()).contains(SqlParseBudget.TOO_COMPLEX).contains("only SELECT statements may run");
        assertThat(d.basis().ruleIds()).containsExactly("sql-select-only");
    }

    @Test
    void other_denies_keep_their_own_codes() {
        PolicyEngine engine = engine();

        Decision unparsable = engine.evaluate("action-boundary", query("SELEC name FROM customers"), CTX);
        Decision delete = engine.evaluate("action-boundary", query("DELETE FROM customers"), CTX);
        // the complex SQL is analysed by a rule that does not match; the deny is another rule's
        PolicyEngine ddl = PolicyEngine.builder().build();
        ddl.load(new PolicySource("crm", """
                apiVersion: warden.dev/v1
                kind: PolicySet
                metadata: { name: crm, version: 1 }
                rules:
                  - id: no-ddl
                    plane: action-boundary
                    on: [TOOL_CALL]
                    when: tool.name == "sql.query" && sql.kind(args.query) == "DDL"
                    decision: deny
                    code: CRM-SQL-0003
                  - id: no-queries-about-night-shifts
                    plane: action-boundary
                    on: [TOOL_CALL]
                    when: tool.name == "sql.query" && args.query.contains("night")
                    decision: deny
                    code: CRM-SQL-0002
                """));
        Decision other = ddl.evaluate("action-boundary", query(SqlParseBudgetTest.pathological(6)
                .replace("WHERE id = 1", "WHERE id = 1 AND name = 'night'")), CTX);

        assertThat(unparsable.code()).isEqualTo("CRM-SQL-0001");
        assertThat(delete.code()).isEqualTo("CRM-SQL-0001");
        assertThat(other.code()).isEqualTo("CRM-SQL-0002");
        assertThat(other.basis().ruleIds()).containsExactly("no-queries-about-night-shifts");
    }

    @Test
    void the_parse_budget_of_sql_kind_is_configurable() {
        String threeLevels = SqlParseBudgetTest.pathological(3);
        assertThat(engine().evaluate("action-boundary", query(threeLevels), CTX)).as("within the default")
                .isInstanceOf(Decision.Allow.class);

        SqlParseBudget.configure(new SqlParseBudget(4096, 100));

        Decision d = engine().evaluate("action-boundary", query(threeLevels), CTX);
        assertThat(d.code()).isEqualTo(PolicyCodes.SQL_TOO_COMPLEX);
        assertThat(SqlLineage.of(threeLevels, SqlParseBudgetTest.CATALOG).tooComplex())
                .as("lineage follows the same setting").isTrue();
    }
}

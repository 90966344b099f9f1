package dev.warden.redteam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.AgentIdentity;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Principal;
import dev.warden.core.ToolDescriptor;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicySource;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile SQL through the policy language's {@code sql.kind}: a write statement hidden behind comments, case tricks,
 * a leading SELECT, nesting or unicode never passes a SELECT-only rule, and arbitrary input never crashes evaluation.
 */
class SqlKindFuzzTest {
    static final PolicyEngine ENGINE = engine();
    static final ToolDescriptor SQL = ToolDescriptor.named("sql.query", Effect.READ);
    static final GovernanceContext CTX = GovernanceContext.of(Principal.of("alice", "analyst"),
            AgentIdentity.of("crm-analyst"));

    static PolicyEngine engine() {
        PolicyEngine e = PolicyEngine.builder().build();
        e.load(new PolicySource("fuzz:sql", """
                apiVersion: warden.dev/v1
                kind: PolicySet
                metadata: { name: sql-fuzz, version: 1 }
                rules:
                  - id: sql-select-only
                    plane: action-boundary
                    on: [TOOL_CALL]
                    when: tool.name == "sql.query" && sql.kind(args.query) != "SELECT"
                    decision: deny
                """));
        return e;
    }

    static Decision decide(String query) {
        return ENGINE.evaluate("action-boundary", CheckpointRequest.toolCall(1, SQL, "c1", Map.of("query", query)), CTX);
    }

    @Property(tries = 300)
    void a_hidden_write_statement_is_never_allowed(@ForAll("disguisedWrites") String query) {
        assertThat(decide(query)).as(query).isNotInstanceOf(Decision.Allow.class);
    }

    /**
     * Finding F-8 (docs/security.md), fixed: MySQL runs the text of an executable comment, so {@code sql.kind} treats
     * a statement carrying one as UNKNOWN and a SELECT-only rule refuses it.
     */
    @Property(tries = 20)
    void mysql_executable_comments_cannot_hide_writes(@ForAll("writes") String write) {
        assertThat(decide("/*! " + write + " */ SELECT 1")).isNotInstanceOf(Decision.Allow.class);
    }

    @Provide
    Arbitrary<String> writes() {
        return Arbitraries.of("DELETE FROM customers", "DROP TABLE customers", "UPDATE customers SET tier = 'gold'");
    }

    @Property(tries = 300)
    void arbitrary_input_never_throws_and_always_decides(@ForAll("junk") String query) {
        assertThat(decide(query)).isNotNull();
    }

    @Property(tries = 50)
    void plain_selects_stay_allowed(@ForAll("tables") String table) {
        assertThat(decide("SELECT id, name FROM " + table + " WHERE id = 1")).isInstanceOf(Decision.Allow.class);
    }

    /** S12-8: a CTE with a column list reads as the SELECT it is (it was UNKNOWN and refused). */
    @Property(tries = 50)
    void selects_over_a_cte_with_a_column_list_stay_allowed(@ForAll("tables") String table) {
        assertThat(decide("WITH c(id, name) AS (SELECT id, name FROM " + table + ") SELECT name FROM c WHERE id = 1"))
                .isInstanceOf(Decision.Allow.class);
    }

    @Provide
    Arbitrary<String> tables() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12).map(s -> "t_" + s);
    }

    @Provide
    Arbitrary<String> disguisedWrites() {
        Arbitrary<String> write = Arbitraries.of("DELETE FROM customers", "UPDATE customers SET tier = 'gold'",
                "DROP TABLE customers", "INSERT INTO audit VALUES (1)", "TRUNCATE customers",
                "delete from customers where 1=1", "GRANT ALL ON customers TO public",
                "CREATE TABLE x AS SELECT * FROM customers");
        Arbitrary<String> wrap = Arbitraries.of("%s", "SELECT 1; %s", "/* harmless */ %s", "-- note\n%s",
                "SELECT * FROM t; /* x */ %s; --", "  \n\t%s  ", "%s; SELECT 1", "WITH a AS (SELECT 1) %s",
                "SELECT 1;\u00a0%s", "SELECT 1 /* ; */; %s", "WITH a(x) AS (SELECT 1) %s",
                "WITH a(x, y) AS (SELECT 1, 2) SELECT x FROM a; %s", "WITH w(n) AS (%s RETURNING 1) SELECT n FROM w");
        Arbitrary<Boolean> upper = Arbitraries.of(true, false);
        return Combinators.combine(write, wrap, upper).as((w, f, u) -> {
            String s = String.format(f, w);
            return u ? s.toUpperCase(java.util.Locale.ROOT) : s;
        });
    }

    @Provide
    Arbitrary<String> junk() {
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(300);
        Arbitrary<String> sqlish = Arbitraries.strings().withChars("SELECT*FROMWHERE;'\"--/*\\ \n\u0000\u202e")
                .ofMaxLength(200);
        // Finding F-7, fixed: JSqlParser backtracks exponentially with nesting (depth 10: ~3 s, 15: minutes) on the
        // calling thread; sql.kind now answers UNKNOWN above depth 6 without parsing, so any depth is safe here.
        Arbitrary<String> deep = Arbitraries.integers().between(1, 60)
                .map(n -> "SELECT " + "(".repeat(n) + "1" + ")".repeat(n));
        return Arbitraries.oneOf(any, sqlish, deep);
    }
}

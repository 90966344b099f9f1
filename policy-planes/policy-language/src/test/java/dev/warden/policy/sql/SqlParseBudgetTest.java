package dev.warden.policy.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.policy.PolicyEngine;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.statement.Statement;
import org.junit.jupiter.api.Test;

/**
 * Lineage and {@code sql.kind} have a parse-cost bound (decision 0040): JSqlParser's backtracking is exponential in the
 * nesting of subqueries inside expressions, so a few hundred characters could hold the caller's thread for seconds.
 * The bound is a count of parser steps, not wall time: these tests assert where the parser stopped, never how long it
 * took.
 */
class SqlParseBudgetTest {
    static final Map<String, List<String>> CATALOG = Map.of(
            "customers", List.of("id", "name", "company", "email", "phone", "ssn", "tier", "city"),
            "orders", List.of("id", "customer_id", "amount", "note"));

    /** Six levels of {@code CASE WHEN (SELECT …)}: about 500 characters, hundreds of thousands of parser steps. */
    static String pathological(int depth) {
        if (depth == 0) {
            return "SELECT ssn FROM customers WHERE id = 1";
        }
        return "SELECT CASE WHEN (" + pathological(depth - 1) + ") IS NULL THEN (SELECT city FROM customers) END "
                + "FROM customers";
    }

    static final String REALISTIC = """
            WITH big AS (SELECT customer_id, SUM(amount) AS total FROM orders GROUP BY customer_id HAVING SUM(amount) > 100)
            SELECT c.name, c.city, b.total,
                   CASE WHEN c.tier = 'gold' THEN 'priority' WHEN c.tier IN ('silver', 'bronze') THEN 'standard'
                        ELSE 'basic' END AS service,
                   (SELECT COUNT(*) FROM orders o WHERE o.customer_id = c.id AND o.amount > (SELECT AVG(amount)
                        FROM orders)) AS large_orders
            FROM customers c JOIN big b ON b.customer_id = c.id
            WHERE c.id IN (SELECT customer_id FROM orders WHERE note LIKE '%renewal%')
              AND (c.city = 'Berlin' OR (c.city = 'Hamburg' AND c.tier <> 'basic'))
            ORDER BY b.total DESC""";

    @Test
    void a_pathological_nested_query_is_unanalysable_once_the_parse_budget_is_spent() {
        String sql = pathological(6);
        assertThat(sql.length()).isLessThan(600);

        SqlParseBudget.Parsed<Statement> parsed = SqlParseBudget.DEFAULT.parse(sql, CCJSqlParser::Statement);
        SqlLineage.Result r = SqlLineage.of(sql, CATALOG);

        assertThat(parsed.exceeded()).isTrue();
        // the parser stopped at the bound: a handful of steps past it, not the ~300,000 the full parse takes
        assertThat(parsed.steps()).isBetween(SqlParseBudget.DEFAULT.maxSteps(),
                SqlParseBudget.DEFAULT.maxSteps() + 1_000);
        assertThat(r.resolved()).isFalse();
        assertThat(r.tooComplex()).isTrue();
        assertThat(r.reason()).startsWith(SqlParseBudget.TOO_COMPLEX);
        // labelled as the whole schema: not even its tables are known
        assertThat(r.tables()).isEmpty();
    }

    @Test
    void sql_kind_of_the_pathological_query_is_unknown_so_a_select_only_rule_denies_the_call() {
        PolicyEngine engine = SqlTooComplexDecisionTest.engine(); // sql.kind(args.query) != "SELECT" denies
        GovernanceContext ctx = SqlTooComplexDecisionTest.CTX;

        Decision nested = engine.evaluate("action-boundary", SqlTooComplexDecisionTest.query(pathological(6)), ctx);
        Decision benign = engine.evaluate("action-boundary", SqlTooComplexDecisionTest.query(REALISTIC), ctx);

        assertThat(nested).isInstanceOf(Decision.Deny.class);
        assertThat(nested.basis().ruleIds()).containsExactly("sql-select-only");
        assertThat(benign).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void a_realistic_nested_query_stays_well_within_the_budget_and_resolves() {
        SqlParseBudget.Parsed<Statement> parsed = SqlParseBudget.DEFAULT.parse(REALISTIC, CCJSqlParser::Statement);
        SqlLineage.Result r = SqlLineage.of(REALISTIC, CATALOG);

        assertThat(parsed.exceeded()).isFalse();
        assertThat(parsed.steps()).isLessThan(SqlParseBudget.DEFAULT.maxSteps() / 4);
        assertThat(r.resolved()).isTrue();
        assertThat(r.column("large_orders").sources()).contains(new SqlLineage.ColumnRef("orders", "customer_id"));
        assertThat(r.allSources()).contains(new SqlLineage.ColumnRef("orders", "amount"),
                new SqlLineage.ColumnRef("orders", "note"), new SqlLineage.ColumnRef("customers", "tier"));
    }

    @Test
    void the_budget_is_the_callers_to_choose() {
        String sql = pathological(3);

        assertThat(SqlLineage.of(sql, CATALOG, new SqlParseBudget(4096, 100)).tooComplex()).isTrue();
        assertThat(SqlLineage.of(sql, CATALOG, new SqlParseBudget(4096, 1_000_000)).resolved()).isTrue();
        assertThat(SqlLineage.of(sql, CATALOG).resolved()).as("three levels are within the default").isTrue();
    }

    @Test
    void a_text_with_more_tokens_than_allowed_is_refused_before_parsing() {
        String wide = "SELECT " + "id, ".repeat(3000) + "name FROM customers";

        SqlParseBudget.Parsed<Statement> parsed = SqlParseBudget.DEFAULT.parse(wide, CCJSqlParser::Statement);

        assertThat(parsed.exceeded()).isTrue();
        assertThat(parsed.steps()).isZero();
        assertThat(SqlLineage.of(wide, CATALOG).tooComplex()).isTrue();
        assertThat(SqlLineage.of("SELECT name FROM", CATALOG).tooComplex()).as("a syntax error is not complexity")
                .isFalse();
    }
}

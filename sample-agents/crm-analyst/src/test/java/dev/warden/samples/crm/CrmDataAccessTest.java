package dev.warden.samples.crm;

import static dev.warden.samples.crm.CrmApi.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Reading the CRM over real HTTP: SELECT runs against the real (H2) database, anything else is refused by the policy's
 * SQL parser — and, behind it, by the database's SELECT-only account — and the CRM records never change.
 */
@QuarkusTest
class CrmDataAccessTest {
    @Inject
    CrmDatabase db;
    @Inject
    SqlQueryTool sql;

    @Test
    void a_select_runs_against_the_database() {
        ask("jane", "sql: SELECT name, tier FROM customers WHERE tier = 'gold' ORDER BY id").then().statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("decisions.findAll { it.tool == 'sql.query' && it.checkpoint == 'TOOL_CALL' }.decision",
                        hasItem("ALLOW"))
                .body("output", containsString("Ada Lovelace")).body("output", containsString("Grace Hopper"))
                .body("output", not(containsString("Alan Turing")));
    }

    @Test
    void a_delete_is_refused_and_the_rows_stay() {
        long before = db.customerCount();
        assertThat(before).isEqualTo(5);
        ask("jane", "sql: DELETE FROM customers").then().statusCode(200)
                .body("decisions.findAll { it.tool == 'sql.query' }.decision", hasItem("DENY"))
                .body("decisions.findAll { it.tool == 'sql.query' }.ruleIds.flatten()", hasItem("sql-select-only"))
                .body("decisions.findAll { it.tool == 'sql.query' }.code", hasItem("CRM-ACT-0002"));
        assertThat(db.customerCount()).isEqualTo(before);
    }

    @Test
    void a_select_smuggling_a_drop_table_is_refused_and_the_table_keeps_its_rows() {
        ask("victor", "sql: SELECT 1; DROP TABLE customers").then().statusCode(200)
                .body("decisions.findAll { it.tool == 'sql.query' }.decision", hasItem("DENY"))
                .body("decisions.findAll { it.tool == 'sql.query' }.ruleIds.flatten()", hasItem("sql-select-only"));
        assertThat(db.customerCount()).isEqualTo(5);
    }

    @Test
    void the_database_account_refuses_writes_even_when_the_tool_is_called_around_warden() {
        assertThat(sql.query("DELETE FROM customers")).startsWith("refused");
        assertThat(sql.query("SELECT 1; DROP TABLE customers")).startsWith("refused");
        assertThat(sql.query("UPDATE customers SET tier = 'platinum'")).startsWith("refused");
        assertThat(db.customerCount()).isEqualTo(5);
        assertThat(db.customerField(1, "tier")).isEqualTo("gold");
        assertThat(sql.query("SELECT COUNT(*) AS n FROM customers")).contains("\"n\":5");
    }

    @Test
    void updating_a_customer_is_refused_because_the_crm_is_read_only() {
        ask("victor", "Update customer 2 email to grace@attacker.example").then().statusCode(200)
                .body("decisions.findAll { it.tool == 'crm.update_customer' }.decision", hasItem("DENY"))
                .body("decisions.findAll { it.tool == 'crm.update_customer' }.ruleIds.flatten()",
                        hasItem("crm-read-only"));
        assertThat(db.customerField(2, "email")).isEqualTo("grace@compilerworks.example");
    }

    @Test
    void a_customer_record_with_its_tax_id_reaches_the_analyst_and_is_labelled_restricted() {
        ask("jane", "Show me customer 3").then().statusCode(200).body("status", equalTo("COMPLETED"))
                .body("output", containsString("Alan Turing"))
                .body("decisions.findAll { it.tool == 'crm.get_customer' && it.checkpoint == 'TOOL_RESULT' }.reason",
                        hasItem(containsString("RESTRICTED")));
    }

    @Test
    void only_analysts_may_use_the_agent() {
        ask("olga", "Find customers in London").then().statusCode(200).body("status", equalTo("DENIED"))
                .body("decisions.ruleIds.flatten()", hasItem("analysts-only"));
        ask("maria", "Find customers in London").then().statusCode(200).body("status", equalTo("DENIED"));
        ask("jane", "Find customers in London").then().statusCode(200).body("status", equalTo("COMPLETED"))
                .body("output", containsString("Ada Lovelace"));
    }
}

package dev.warden.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlKindTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "SELECT * FROM accounts                                          | SELECT",
        "select a from t where b in (select c from u)                    | SELECT",
        "/* UPDATE t SET x = 1 */ SELECT 1                               | SELECT",
        "SELECT 'DELETE FROM t' AS s                                     | SELECT",
        "WITH x AS (SELECT 1) SELECT * FROM x                            | SELECT",
        "WITH t(a) AS (SELECT 1) SELECT a FROM t                         | SELECT",
        "with t (a, b) as (select 1, 2), u(c) as (select a from t) select c from u | SELECT",
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5) SELECT i FROM n | SELECT",
        "SELECT * FROM (WITH t(a) AS (SELECT 1) SELECT a FROM t) s       | SELECT",
        "WITH d(id) AS (DELETE FROM accounts RETURNING id) SELECT * FROM d | DELETE",
        "WITH t(a) AS (SELECT lo_import('/etc/passwd')) SELECT a FROM t  | UNKNOWN",
        "WITH t(a) AS (SELECT 1) SELECT t(a) AS y FROM t                 | UNKNOWN",
        "WITH t(a) AS (SELECT 1), u AS (SELECT 2) SELECT f(a) FROM t     | UNKNOWN",
        "WITH t(lower(a)) AS (SELECT 1) SELECT 1                         | UNKNOWN",
        "WITH t(a) AS (SELECT 1) SELECT a FROM t; DROP TABLE t           | DDL",
        "(SELECT 1) UNION (SELECT 2)                                     | SELECT",
        "INSERT INTO t (a) VALUES (1)                                    | INSERT",
        "INSERT INTO t SELECT * FROM u                                   | INSERT",
        "UPDATE accounts SET owner = 'x'                                 | UPDATE",
        "DELETE FROM accounts                                            | DELETE",
        "MERGE INTO t USING u ON (t.id = u.id) WHEN MATCHED THEN UPDATE SET t.a = u.a | MERGE",
        "DROP TABLE accounts                                             | DDL",
        "CREATE TABLE x (a int)                                          | DDL",
        "ALTER TABLE x ADD COLUMN b int                                  | DDL",
        "TRUNCATE TABLE x                                                | DDL",
        "SELECT * INTO backup FROM accounts                              | DDL",
        "GRANT SELECT ON accounts TO bob                                 | DCL",
        "SELECT 1; DELETE FROM accounts                                  | DELETE",
        "SELECT 1; SELECT 2;                                             | SELECT",
        "UPDATE t SET a = 1; DROP TABLE t                                | DDL",
        "SELEC * FROM t                                                  | UNKNOWN",
        "SELECT * FROM t WHERE a = 'unterminated                         | UNKNOWN",
    })
    void classifies(String sql, String kind) {
        assertThat(SqlKind.of(sql.replace("\\n", "\n"))).isEqualTo(kind);
    }

    @org.junit.jupiter.api.Test
    void line_comments_hide_nothing() {
        assertThat(SqlKind.of("-- DROP TABLE t\nSELECT 1")).isEqualTo("SELECT");
        assertThat(SqlKind.of("SELECT 1 -- harmless\n; DROP TABLE t")).isEqualTo("DDL");
    }

    @org.junit.jupiter.api.Test
    void data_modifying_cte_counts_as_its_modification() {
        String sql = "WITH gone AS (DELETE FROM accounts RETURNING *) SELECT * FROM gone";
        assertThat(SqlKind.of(sql)).isIn("DELETE", "UNKNOWN");
    }

    @org.junit.jupiter.api.Test
    void oversized_and_blank_input_is_unknown() {
        assertThat(SqlKind.of("SELECT " + "1,".repeat(SqlKind.MAX_LENGTH) + "1")).isEqualTo("UNKNOWN");
        assertThat(SqlKind.of("   ")).isEqualTo("UNKNOWN");
        assertThat(SqlKind.of(null)).isEqualTo("UNKNOWN");
    }

    @org.junit.jupiter.api.Test
    void worse_orders_by_danger() {
        assertThat(SqlKind.worse("SELECT", "DELETE")).isEqualTo("DELETE");
        assertThat(SqlKind.worse("DDL", "INSERT")).isEqualTo("DDL");
        assertThat(SqlKind.worse("DCL", "UNKNOWN")).isEqualTo("UNKNOWN");
    }

    @org.junit.jupiter.api.Test
    void deeply_nested_sql_is_unknown_without_parsing_so_it_cannot_hang_the_caller() {
        String deep = "SELECT " + "(".repeat(40) + "1" + ")".repeat(40);
        org.assertj.core.api.Assertions.assertThat(SqlKind.of(deep)).isEqualTo("UNKNOWN");
        org.assertj.core.api.Assertions.assertThat(SqlKind.of("SELECT ((((1))))")).isEqualTo("SELECT");
        org.assertj.core.api.Assertions.assertThat(SqlKind.of("SELECT '((((((((((' AS s")).isEqualTo("SELECT");
    }

    @org.junit.jupiter.api.Test
    void mysql_executable_comments_and_hints_are_unknown() {
        org.assertj.core.api.Assertions.assertThat(SqlKind.of("/*! DELETE FROM customers */ SELECT 1")).isEqualTo("UNKNOWN");
        org.assertj.core.api.Assertions.assertThat(SqlKind.of("SELECT /*+ INDEX(t i) */ a FROM t")).isEqualTo("UNKNOWN");
        org.assertj.core.api.Assertions.assertThat(SqlKind.of("SELECT /* plain comment */ a FROM t")).isEqualTo("SELECT");
    }

    @org.junit.jupiter.api.Test
    void a_select_calling_a_file_or_command_function_is_not_read_only() {
        org.assertj.core.api.Assertions.assertThat(SqlKind.of("SELECT CSVWRITE('/tmp/x.csv', 'SELECT * FROM customers')"))
                .isEqualTo("UNKNOWN");
        org.assertj.core.api.Assertions.assertThat(SqlKind.of("select pg_read_file ('/etc/passwd')")).isEqualTo("UNKNOWN");
        org.assertj.core.api.Assertions.assertThat(SqlKind.of("SELECT dbms_pipe.receive_message('x', 10)"))
                .isEqualTo("UNKNOWN");
        // names inside string literals and ordinary functions are fine
        org.assertj.core.api.Assertions.assertThat(SqlKind.of("SELECT 'CSVWRITE(' AS note, count(*) FROM t"))
                .isEqualTo("SELECT");
        org.assertj.core.api.Assertions.assertThat(SqlKind.of("SELECT upper(name), sleep_minutes FROM t"))
                .isEqualTo("SELECT");
    }
}

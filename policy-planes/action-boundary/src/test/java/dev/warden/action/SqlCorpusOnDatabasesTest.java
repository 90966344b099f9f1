package dev.warden.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.warden.policy.internal.SqlKind;
import dev.warden.testing.postgres.LocalPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SQL corpora of the policy language against real databases: every statement the classifier calls
 * {@code SELECT} runs on H2 and on PostgreSQL (the allow-list does not wave through text the servers reject), and
 * the obfuscated spellings the earlier text scan missed are real calls to PostgreSQL — the server runs
 * {@code pg_sleep/**}{@code /(0)} and {@code "pg_sleep"(0)} — which the classifier now refuses.
 */
class SqlCorpusOnDatabasesTest {
    static final String SCHEMA = "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(80), company VARCHAR(80), "
            + "email VARCHAR(80), phone VARCHAR(40), ssn VARCHAR(20), tier VARCHAR(10), city VARCHAR(40), "
            + "annual_revenue DECIMAL(18,2))";
    static final String ROWS = "INSERT INTO customers VALUES (1, 'Ada', 'Acme', 'ada@acme.example', '+49301234', "
            + "'123-45-6789', 'gold', 'Berlin', 2000000), (2, 'Bo', 'Initech', 'bo@initech.example', NULL, "
            + "'987-65-4321', 'silver', 'Berlin', 50000)";

    @Test
    void read_only_corpus_runs_on_h2() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:corpus;DB_CLOSE_DELAY=-1")) {
            runsEverywhere(c);
        }
    }

    @Test
    void read_only_corpus_runs_on_postgresql() throws Exception {
        LocalPostgres pg = LocalPostgres.shared();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password())) {
            c.createStatement().execute("DROP TABLE IF EXISTS customers");
            runsEverywhere(c);
        }
    }

    @Test
    void obfuscated_calls_are_calls_to_postgresql_and_unknown_to_the_classifier() throws Exception {
        LocalPostgres pg = LocalPostgres.shared();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
                Statement s = c.createStatement()) {
            for (String sql : List.of("SELECT pg_sleep/**/(0)", "SELECT \"pg_sleep\"(0)",
                    "SELECT pg_catalog.pg_sleep(0)", "SELECT PG_SLEEP (0)",
                    "SELECT query_to_xml('SELECT 1', true, true, '')",
                    "SELECT set_config/**/('application_name', 'x', false)")) {
                assertThatCode(() -> s.execute(sql)).as(sql).doesNotThrowAnyException();
                assertThat(SqlKind.of(sql)).as(sql).isEqualTo("UNKNOWN");
            }
        }
    }

    private static void runsEverywhere(Connection c) throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            s.execute(SCHEMA);
            s.execute(ROWS);
            for (String sql : corpus("/sql/read-only-corpus.txt")) {
                assertThat(SqlKind.of(sql)).as(sql).isEqualTo("SELECT");
                try (ResultSet rs = s.executeQuery(sql)) {
                    assertThat(rs.getMetaData().getColumnCount()).as(sql).isPositive();
                }
            }
        }
    }

    static List<String> corpus(String resource) throws IOException {
        try (InputStream in = SqlCorpusOnDatabasesTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }
}

package dev.warden.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.policy.internal.SqlKind;
import dev.warden.testing.postgres.LocalPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #23, "the SQL allow-list against a corpus of side-effect functions ... on H2 and on a real PostgreSQL",
 * executed: every statement of both corpora goes through a gate that sends a statement to the database only when
 * {@code sql.kind} calls it {@code SELECT}, the way a SELECT-only rule guards the CRM sample's query tool. Each
 * statement the gate lets through runs (as the superuser on PostgreSQL, so a side-effect function that slipped
 * through would really act) and leaves the database and the file system as they were: a canary table's digest, the
 * catalog's tables, a sequence, the session's settings, the large objects, and the temporary directory the corpus's
 * file paths are pointed at. Every statement the gate refuses never reaches the database.
 */
class SideEffectCorpusExecutedTest {
    @TempDir
    Path files;

    @Test
    void on_h2_allowed_statements_change_nothing_and_refused_ones_never_reach_the_database() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:sidefx;DB_CLOSE_DELAY=-1")) {
            Outcome o = run(c, new H2State());
            assertThat(o.refused).hasSize(corpusSize("/sql/side-effect-corpus.txt"));
            assertThat(o.executed).hasSize(corpusSize("/sql/read-only-corpus.txt"));
        }
    }

    @Test
    void on_postgresql_allowed_statements_change_nothing_and_refused_ones_never_reach_the_database()
            throws Exception {
        LocalPostgres pg = LocalPostgres.shared();
        try (Connection c = pg.superuserConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS sidefx CASCADE");
            s.execute("CREATE SCHEMA sidefx");
            s.execute("SET search_path = sidefx");
            Outcome o = run(c, new PgState());
            assertThat(o.refused).hasSize(corpusSize("/sql/side-effect-corpus.txt"));
            assertThat(o.executed).hasSize(corpusSize("/sql/read-only-corpus.txt"));
            s.execute("DROP SCHEMA sidefx CASCADE");
        }
    }

    record Outcome(List<String> executed, List<String> refused) {}

    /** What a statement could change besides the canary rows: dialect-specific observations. */
    interface State {
        String observe(Statement s) throws SQLException;
    }

    static final class H2State implements State {
        @Override
        public String observe(Statement s) throws SQLException {
            return rows(s, "SELECT TABLE_SCHEMA, TABLE_NAME FROM INFORMATION_SCHEMA.TABLES "
                    + "WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA' ORDER BY 1, 2")
                    + rows(s, "SELECT BASE_VALUE FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_NAME = 'CUSTOMERS_ID_SEQ'")
                    + rows(s, "SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS ORDER BY 1");
        }
    }

    static final class PgState implements State {
        @Override
        public String observe(Statement s) throws SQLException {
            return rows(s, "SELECT schemaname, tablename FROM pg_tables ORDER BY 1, 2")
                    + rows(s, "SELECT last_value, is_called FROM sidefx.customers_id_seq")
                    + rows(s, "SELECT name, setting FROM pg_settings WHERE source <> 'default' ORDER BY 1")
                    + rows(s, "SELECT current_setting('search_path'), current_setting('application_name')")
                    + rows(s, "SELECT count(*) FROM pg_largeobject_metadata")
                    + rows(s, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'");
        }
    }

    private Outcome run(Connection c, State state) throws Exception {
        List<String> executed = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            s.execute(SqlCorpusOnDatabasesTest.SCHEMA);
            s.execute(SqlCorpusOnDatabasesTest.ROWS);
            s.execute("CREATE TABLE t (a INT)");
            s.execute("INSERT INTO t VALUES (1), (2)");
            s.execute("CREATE SEQUENCE customers_id_seq");
            String before = digest(s, state);
            List<String> corpus = new ArrayList<>(pointedAtTempDir("/sql/side-effect-corpus.txt"));
            corpus.addAll(pointedAtTempDir("/sql/read-only-corpus.txt"));
            for (String sql : corpus) {
                if (!"SELECT".equals(SqlKind.of(sql))) {
                    refused.add(sql); // the gate: nothing is sent
                    continue;
                }
                try (ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        // drain: a function in the select list runs per row
                    }
                }
                executed.add(sql);
                assertThat(digest(s, state)).as("database after %s", sql).isEqualTo(before);
                try (Stream<Path> left = Files.list(files)) {
                    assertThat(left).as("files after %s", sql).isEmpty();
                }
            }
        }
        return new Outcome(executed, refused);
    }

    /** The corpus with its {@code /tmp/} paths moved into this test's temporary directory. */
    private List<String> pointedAtTempDir(String resource) throws IOException {
        String dir = files.toAbsolutePath() + "/";
        return SqlCorpusOnDatabasesTest.corpus(resource).stream().map(l -> l.replace("/tmp/", dir)).toList();
    }

    private static int corpusSize(String resource) throws IOException {
        return SqlCorpusOnDatabasesTest.corpus(resource).size();
    }

    private static String digest(Statement s, State state) throws Exception {
        String all = rows(s, "SELECT * FROM customers ORDER BY id") + rows(s, "SELECT * FROM t ORDER BY a")
                + state.observe(s);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(all.getBytes(StandardCharsets.UTF_8)));
    }

    private static String rows(Statement s, String sql) throws SQLException {
        StringBuilder b = new StringBuilder();
        try (ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= n; i++) {
                    b.append(rs.getString(i)).append('\u001f');
                }
                b.append('\n');
            }
        }
        return b.toString();
    }
}

package dev.warden.quarkus.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class WardenPostgresSchemaTest {

    @Test
    void every_migration_script_in_the_source_tree_is_listed_in_version_order() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("../runtime/src/main/resources", WardenPostgresSchema.LOCATION))) {
            assertThat(WardenPostgresSchema.SCRIPTS).as("scripts Flyway will run")
                    .containsExactlyElementsOf(files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void a_fresh_schema_gets_every_table_and_index_and_a_second_run_is_a_no_op() throws Exception {
        try (PostgresFixture db = new PostgresFixture()) {
            WardenPostgresSchema.migrate(superuserless(db), db.schema); // already migrated by the fixture: no-op
            try (var c = db.pg.superuserConnection(); var s = c.createStatement()) {
                var rs = s.executeQuery("SELECT indexname FROM pg_indexes WHERE schemaname = '" + db.schema + "'");
                java.util.List<String> indexes = new java.util.ArrayList<>();
                while (rs.next()) {
                    indexes.add(rs.getString(1));
                }
                assertThat(indexes).contains("warden_audit_record_tool", "warden_audit_record_outcome",
                        "warden_budget_counter_expiry", "warden_approval_pending");
                rs = s.executeQuery("SELECT max(version::int) FROM " + db.schema + "."
                        + WardenPostgresSchema.HISTORY_TABLE + " WHERE success");
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(WardenPostgresSchema.SCRIPTS.size());
            }
        }
    }

    private static javax.sql.DataSource superuserless(PostgresFixture db) {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setUrl(db.pg.jdbcUrl());
        ds.setUser(db.pg.username());
        ds.setPassword(db.pg.password());
        return ds;
    }
}

package dev.warden.quarkus.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * The migration creates the delegation replay table that {@code JdbcReplayStore} (multi-agent/delegation) claims in:
 * a primary key on the token id, so one insert-on-conflict per claim has exactly one winner.
 */
class DelegationReplayTableTest {
    @Test
    void migrated_schema_has_the_replay_table_and_a_second_claim_of_an_id_inserts_nothing() throws Exception {
        try (PostgresFixture db = new PostgresFixture(); Connection c = db.pg.connection()) {
            String claim = "INSERT INTO " + db.schema + ".warden_delegation_replay AS r (jti, expires_at) "
                    + "VALUES (?, ?) ON CONFLICT (jti) DO UPDATE SET expires_at = EXCLUDED.expires_at "
                    + "WHERE r.expires_at <= ?";
            Callable<Integer> once = () -> {
                try (PreparedStatement ps = c.prepareStatement(claim)) {
                    ps.setString(1, "jti-1");
                    ps.setTimestamp(2, Timestamp.from(Instant.parse("2026-12-04T10:01:00Z")));
                    ps.setTimestamp(3, Timestamp.from(Instant.parse("2026-12-04T10:00:00Z")));
                    return ps.executeUpdate();
                }
            };
            assertThat(once.call()).isEqualTo(1);
            assertThat(once.call()).isZero();
            var rs = c.createStatement().executeQuery("SELECT indexname FROM pg_indexes WHERE schemaname = '"
                    + db.schema + "' AND tablename = 'warden_delegation_replay'");
            java.util.List<String> indexes = new java.util.ArrayList<>();
            while (rs.next()) {
                indexes.add(rs.getString(1));
            }
            assertThat(indexes).contains("warden_delegation_replay_expiry");
        }
    }
}

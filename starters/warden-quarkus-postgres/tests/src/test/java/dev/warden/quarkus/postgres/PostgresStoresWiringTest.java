package dev.warden.quarkus.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.audit.AuditFilter;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.spi.AuditSink;
import dev.warden.spi.SuspendedRunStore;
import dev.warden.testing.postgres.LocalPostgres;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** A Quarkus application with this jar and {@code warden.*.store=postgres} gets the PostgreSQL stores. */
@QuarkusTest
@QuarkusTestResource(LocalPostgresResource.class)
class PostgresStoresWiringTest {
    @Inject
    AuditSink audit;

    @Inject
    SuspendedRunStore approvals;

    @Test
    void the_audit_store_is_selected_by_config_migrated_and_signs_its_heads() throws Exception {
        assertThat(audit).isInstanceOf(PostgresAuditStore.class);
        PostgresAuditStore store = (PostgresAuditStore) audit;
        assertThat(store.options().schema()).isEqualTo("warden_app");
        assertThat(store.options().durability()).isEqualTo(AuditDurability.SYNC);
        assertThat(store.options().headKey()).hasSize(32);

        DecisionRecord r = audit.append(PostgresFixture.record("wired", "run-wired", 1));
        assertThat(r.seq()).isPositive();
        assertThat(audit.query(AuditFilter.all().run("run-wired"))).extracting(DecisionRecord::hash)
                .contains(r.hash());
        assertThat(audit.verify().valid()).isTrue();
        try (Connection c = LocalPostgres.shared().superuserConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT mac FROM warden_app.warden_audit_head WHERE tenant = 'wired'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).hasSize(64);
        }
    }

    @Inject
    dev.warden.quarkus.runtime.AgentRegistry agents;

    @Test
    void the_conversation_store_is_selected_by_config() throws Exception {
        java.lang.reflect.Field f = dev.warden.quarkus.runtime.AgentRegistry.class.getDeclaredField("memory");
        f.setAccessible(true);
        assertThat(f.get(agents)).isInstanceOf(PostgresConversationStore.class);
    }

    @Test
    void the_approval_store_is_selected_by_config() {
        assertThat(approvals).isInstanceOf(PostgresSuspendedRunStore.class);
        assertThat(approvals.claim("no-such-approval")).isEmpty();
        assertThat(approvals.isResolved("no-such-approval")).isFalse();
    }
}

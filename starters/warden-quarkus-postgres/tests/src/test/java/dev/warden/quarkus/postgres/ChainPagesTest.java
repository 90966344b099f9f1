package dev.warden.quarkus.postgres;

import static dev.warden.quarkus.postgres.PostgresFixture.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChainPagesTest {
    final PostgresFixture db = new PostgresFixture();

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void keyset_pages_read_every_row_once_in_chain_order_across_tenants_and_exact_page_boundaries() {
        try (PostgresAuditStore store = new PostgresAuditStore(db.newPool(2), db.options())) {
            for (int i = 1; i <= 11; i++) { // bank-a: 8 rows (two full pages of 4), bank-b: 3
                store.append(record(i % 4 == 0 || i == 11 ? "bank-b" : "bank-a", "run", i));
            }
        }
        String sql = ChainPages.after("SELECT tenant, seq", db.schema + ".warden_audit_record");
        assertThat(keys(sql, null, 4)).containsExactly("bank-a/1", "bank-a/2", "bank-a/3", "bank-a/4", "bank-a/5",
                "bank-a/6", "bank-a/7", "bank-a/8", "bank-b/1", "bank-b/2", "bank-b/3");
        assertThat(keys(sql, "bank-a", 4)).hasSize(8).allMatch(k -> k.startsWith("bank-a/"));
        assertThat(keys(sql, "bank-b", 1)).containsExactly("bank-b/1", "bank-b/2", "bank-b/3");
        assertThat(keys(sql, "bank-z", 4)).isEmpty();
        assertThat(keys(sql, null, 11)).hasSize(11);
        assertThatThrownBy(() -> new ChainPages(null, sql, null, 0, Duration.ofSeconds(1), IllegalStateException::new))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private List<String> keys(String sql, String tenant, int pageSize) {
        var pool = db.newPool(1);
        SqlConnection conn = Blocking.await(pool.getConnection(), Duration.ofSeconds(10), IllegalStateException::new);
        try {
            ChainPages pages = new ChainPages(conn, sql, tenant, pageSize, Duration.ofSeconds(10),
                    IllegalStateException::new);
            List<String> out = new ArrayList<>();
            while (pages.hasNext()) {
                Row row = pages.next();
                out.add(row.getString("tenant") + "/" + row.getLong("seq"));
            }
            assertThatThrownBy(pages::next).isInstanceOf(NoSuchElementException.class);
            return out;
        } finally {
            conn.close();
        }
    }
}

package dev.warden.quarkus.postgres;

import static dev.warden.quarkus.postgres.PostgresFixture.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.audit.AuditWriteException;
import dev.warden.core.audit.ChainVerification;
import dev.warden.core.audit.DecisionRecord;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * In sync mode a decision is acted on only when append returned. Kill the database connections mid-stream, then kill
 * the writer (close the store and its pool) mid-stream, restart: every record whose append returned is there, with
 * the hash it was returned with, and the chain verifies.
 */
class NoLossTest {
    final PostgresFixture db = new PostgresFixture();
    final ConcurrentLinkedQueue<DecisionRecord> actedOn = new ConcurrentLinkedQueue<>();
    final AtomicInteger refused = new AtomicInteger();
    final AtomicBoolean stop = new AtomicBoolean();

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void every_record_whose_append_returned_survives_killed_connections_and_a_killed_writer() throws Exception {
        Pool pool = db.newPool(4);
        AtomicReference<PostgresAuditStore> current = new AtomicReference<>(new PostgresAuditStore(pool,
                db.options()));
        ExecutorService writers = Executors.newFixedThreadPool(16);
        CountDownLatch warmedUp = new CountDownLatch(300);
        CountDownLatch recovered = new CountDownLatch(600);
        CountDownLatch refusedAfterKill = new CountDownLatch(16);
        for (int t = 0; t < 16; t++) {
            int thread = t;
            writers.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    try {
                        actedOn.add(current.get().append(record(thread % 2 == 0 ? "bank-a" : "bank-b",
                                "run-" + thread, i)));
                        warmedUp.countDown();
                        recovered.countDown();
                    } catch (AuditWriteException e) {
                        refused.incrementAndGet();
                        refusedAfterKill.countDown();
                    }
                }
            });
        }
        assertThat(warmedUp.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(db.pg.terminateConnections()).isPositive(); // the database drops every connection mid-stream
        assertThat(recovered.await(60, TimeUnit.SECONDS)).as("appends resume on new connections").isTrue();

        current.get().close(); // the writer dies mid-stream; queued appends are refused, none is acted on
        pool.close();
        assertThat(refusedAfterKill.await(60, TimeUnit.SECONDS)).isTrue();
        stop.set(true);
        writers.shutdown();
        assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        try (PostgresAuditStore restarted = new PostgresAuditStore(db.newPool(2), db.options())) {
            DecisionRecord after = restarted.append(record("bank-a", "run-after", 0));
            Set<String> stored = storedLinks();
            for (DecisionRecord r : actedOn) {
                assertThat(stored).as("record %s/%s was acted on", r.tenant(), r.seq())
                        .contains(r.tenant() + "/" + r.seq() + "/" + r.hash());
            }
            assertThat(after.seq()).isEqualTo(maxSeq(stored, "bank-a"));
            ChainVerification v = restarted.verify();
            assertThat(v.valid()).as(v.message()).isTrue();
            assertThat(v.records()).isEqualTo(stored.size()).isGreaterThan(actedOn.size());
        }
        assertThat(refused.get()).isPositive();
    }

    private Set<String> storedLinks() throws Exception {
        Set<String> out = new HashSet<>();
        try (Connection c = db.pg.superuserConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT tenant, seq, hash FROM " + db.schema + ".warden_audit_record")) {
            while (rs.next()) {
                out.add(rs.getString(1) + "/" + rs.getLong(2) + "/" + rs.getString(3));
            }
        }
        return out;
    }

    private static long maxSeq(Set<String> links, String tenant) {
        return links.stream().filter(l -> l.startsWith(tenant + "/")).mapToLong(l -> Long.parseLong(l.split("/")[1]))
                .max().orElse(0);
    }

}

package dev.warden.quarkus.postgres;

import static dev.warden.quarkus.postgres.PostgresFixture.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Load harness, not a gate (tag {@code load}, excluded by default): durable audit records per second with 8
 * concurrent writers ({@code -Dwarden.load.writers=N} for another count; {@code -Dwarden.load.sync-records=N} and
 * {@code -Dwarden.load.async-records=N} for shorter runs) in sync and async mode, the latency a sync append adds to a
 * checkpoint, and the WAL written per record (a cost that does not move with the machine's load). Run with
 * {@code ./mvnw -B -o verify -pl starters/warden-quarkus-postgres -Dwarden.excluded.groups= -Dgroups=load}; results
 * go to stdout and {@code target/load-results.md}.
 */
@Tag("load")
class AuditLoadTest {
    static final int WRITERS = Integer.getInteger("warden.load.writers", 8);
    static final int SYNC_RECORDS = Integer.getInteger("warden.load.sync-records", 64_000);
    static final int ASYNC_RECORDS = Integer.getInteger("warden.load.async-records", 320_000);
    final PostgresFixture db = new PostgresFixture();

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void measure_sync_and_async_throughput_and_sync_latency() throws Exception {
        run(AuditDurability.SYNC, 3_200); // warm-up: JIT, connections, PostgreSQL caches
        Result single = latency(1_000);
        Result sync = run(AuditDurability.SYNC, SYNC_RECORDS);
        Result async = run(AuditDurability.ASYNC, ASYNC_RECORDS);
        String report = String.join("\n",
                "| mode | writers | records | seconds | records/s | append p50 ms | append p99 ms | WAL bytes/record"
                        + " | load (1 min) |",
                "|---|---|---|---|---|---|---|---|---|",
                single.row("sync, one writer", 1), sync.row("sync (group commit)", WRITERS),
                async.row("async (durable after flush)", WRITERS), "");
        System.out.println(report);
        Files.writeString(Path.of("target", "load-results.md"), report, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try (PostgresAuditStore reader = new PostgresAuditStore(db.newPool(1), db.options())) {
            assertThat(reader.verify().valid()).isTrue();
        }
    }

    record Result(long records, double seconds, double p50Millis, double p99Millis, long walPerRecord, String load) {
        String row(String mode, int writers) {
            return String.format(java.util.Locale.ROOT, "| %s | %d | %d | %.2f | %.0f | %.3f | %.3f | %d | %s |",
                    mode, writers, records, seconds, records / seconds, p50Millis, p99Millis, walPerRecord, load);
        }
    }

    /** The 1-minute load average at the end of a measurement (the machine may be shared). */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private Result latency(int n) {
        long[] nanos = new long[n];
        long wal = walPosition();
        long start = System.nanoTime();
        try (PostgresAuditStore store = new PostgresAuditStore(db.newPool(4), db.options())) {
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                store.append(record("single", "run-single", i));
                nanos[i] = System.nanoTime() - t;
            }
        }
        return result(n, System.nanoTime() - start, nanos, walPosition() - wal);
    }

    private Result run(AuditDurability durability, int total) throws Exception {
        int perWriter = total / WRITERS;
        long[] nanos = new long[perWriter * WRITERS];
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS);
        CountDownLatch go = new CountDownLatch(1);
        try (PostgresAuditStore store = new PostgresAuditStore(db.newPool(4),
                db.options().withDurability(durability).withQueueCapacity(20_000))) {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                done.add(threads.submit(() -> {
                    go.await();
                    for (int i = 0; i < perWriter; i++) {
                        long t = System.nanoTime();
                        store.append(record("tenant-" + (writer % 4), "run-" + writer, i));
                        nanos[writer * perWriter + i] = System.nanoTime() - t;
                    }
                    return null;
                }));
            }
            long wal = walPosition();
            long start = System.nanoTime();
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
            store.flush(); // async: durable only once flushed
            long elapsed = System.nanoTime() - start;
            return result(nanos.length, elapsed, nanos, walPosition() - wal);
        } finally {
            threads.shutdown();
        }
    }

    /** The server's WAL insert position in bytes: WAL written per record is a cost that does not depend on load. */
    private long walPosition() {
        try (var c = db.pg.superuserConnection(); var s = c.createStatement();
                var rs = s.executeQuery("SELECT pg_current_wal_insert_lsn() - '0/0'::pg_lsn")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Result result(int n, long elapsedNanos, long[] nanos, long walBytes) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Result(n, elapsedNanos / 1e9, sorted[n / 2] / 1e6, sorted[(int) (n * 0.99)] / 1e6,
                walBytes / n, loadAverage());
    }
}

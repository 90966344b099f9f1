package dev.warden.quarkus.postgres;

import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.audit.HashChain;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Commits one batch of records. Each tenant's chain is continued from its head row, never from memory alone: the
 * writer remembers the heads it committed last and links a batch onto them, and one statement (one round trip, its
 * own commit) checks under a row lock that those are still the stored heads before advancing them and inserting the
 * records. A tenant whose head is unknown here or moved (another replica appended) is written the careful way: one
 * transaction that locks (and creates) the heads, links onto what it read and inserts. So the memory is only a hint;
 * several writers (threads or replicas) sharing the database keep one gap-free chain per tenant either way.
 */
final class AuditBatchWriter {
    private final Pool pool;
    private final AuditSql sql;
    private final HeadSigner signer;
    /** Heads as this writer last committed them; read by the queue's thread, written by the pool's callbacks. */
    private final Map<String, HashChain.Head> known = new ConcurrentHashMap<>();

    AuditBatchWriter(Pool pool, AuditSql sql, HeadSigner signer) {
        this.pool = pool;
        this.sql = sql;
        this.signer = signer;
    }

    /** Completes with the linked records, in the order given, once they are committed. */
    Future<List<DecisionRecord>> write(List<DecisionRecord> records) {
        Future<List<DecisionRecord>> written = records.stream().allMatch(r -> known.containsKey(r.tenant()))
                ? onKnownHeads(records) : underLock(records);
        return written.recover(e -> {
            known.clear(); // the outcome is unknown (a lost acknowledgement): read the heads again next time
            return Future.failedFuture(e);
        });
    }

    private Future<List<DecisionRecord>> onKnownHeads(List<DecisionRecord> records) {
        AuditBatch batch = AuditBatch.link(known, records, signer);
        return pool.preparedQuery(sql.appendOnHeads).execute(batch.rowsHeadsAndExpected()).compose(rows -> {
            Set<String> advanced = new HashSet<>();
            rows.forEach(row -> advanced.add(row.getString(0)));
            batch.heads().forEach((tenant, head) -> {
                if (advanced.contains(tenant)) {
                    known.put(tenant, head);
                } else {
                    known.remove(tenant);
                }
            });
            if (advanced.size() == batch.heads().size()) {
                return Future.succeededFuture(batch.records());
            }
            List<DecisionRecord> moved = records.stream().filter(r -> !advanced.contains(r.tenant())).toList();
            return underLock(moved).map(relinked -> merged(batch.records(), advanced, relinked));
        });
    }

    /** The fast path's records of advanced tenants and the relinked rest, back in the order given. */
    private static List<DecisionRecord> merged(List<DecisionRecord> first, Set<String> advanced,
            List<DecisionRecord> relinked) {
        List<DecisionRecord> out = new ArrayList<>(first.size());
        var rest = relinked.iterator();
        for (DecisionRecord r : first) {
            out.add(advanced.contains(r.tenant()) ? r : rest.next());
        }
        return out;
    }

    /** PostgreSQL's {@code COLLATE "C"} order of text: the unsigned bytes of its UTF-8 encoding. */
    static final java.util.Comparator<String> C_ORDER = (a, b) -> java.util.Arrays.compareUnsigned(
            a.getBytes(java.nio.charset.StandardCharsets.UTF_8), b.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private Future<List<DecisionRecord>> underLock(List<DecisionRecord> records) {
        // locked in the order the one-statement path locks them (COLLATE "C": UTF-8 byte order), or replicas deadlock
        String[] tenants = records.stream().map(DecisionRecord::tenant).distinct().sorted(C_ORDER)
                .toArray(String[]::new);
        return pool.withTransaction(conn -> conn.preparedQuery(sql.lockHeads)
                .execute(Tuple.of(tenants, HashChain.GENESIS))
                .compose(heads -> insert(conn, heads, records)))
                .map(batch -> {
                    known.putAll(batch.heads());
                    return batch.records();
                });
    }

    private Future<AuditBatch> insert(SqlConnection conn, Iterable<Row> heads, List<DecisionRecord> records) {
        Map<String, HashChain.Head> read = new HashMap<>();
        for (Row h : heads) {
            read.put(h.getString("tenant"), new HashChain.Head(h.getLong("seq"), h.getString("hash")));
        }
        AuditBatch batch = AuditBatch.link(read, records, signer);
        return conn.preparedQuery(sql.appendAndAdvance).execute(batch.rowsAndHeads()).map(done -> batch);
    }

    /**
     * The query column's time: truncated to microseconds here, because PostgreSQL would <em>round</em> a nanosecond
     * input to its microsecond precision while the verifier compares against the hashed time truncated — half of all
     * records made with a nanosecond clock would otherwise read as altered.
     */
    static String columnTime(String time) {
        if (time == null) {
            return null;
        }
        try {
            return java.time.Instant.parse(time).truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString();
        } catch (java.time.format.DateTimeParseException e) {
            return time; // stored as given; PostgreSQL refuses what it cannot read and the append fails closed
        }
    }
}

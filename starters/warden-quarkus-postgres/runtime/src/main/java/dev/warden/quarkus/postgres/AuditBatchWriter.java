package dev.warden.quarkus.postgres;

import dev.warden.core.audit.CanonicalJson;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.audit.HashChain;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Commits one batch of records in one transaction: lock (and create) the heads of the batch's tenants, link the
 * records onto them in queue order, insert them and advance the heads. Because heads are read under a row lock
 * inside the transaction, several writers (threads or replicas) sharing the database keep one chain per tenant.
 */
final class AuditBatchWriter {
    private final Pool pool;
    private final AuditSql sql;
    private final HeadSigner signer;

    AuditBatchWriter(Pool pool, AuditSql sql, HeadSigner signer) {
        this.pool = pool;
        this.sql = sql;
        this.signer = signer;
    }

    /** Completes with the linked records, in the order given, once the transaction committed. */
    Future<List<DecisionRecord>> write(List<DecisionRecord> records) {
        String[] tenants = new TreeSet<>(records.stream().map(DecisionRecord::tenant).toList()).toArray(String[]::new);
        return pool.withTransaction(conn -> conn.preparedQuery(sql.lockHeads)
                .execute(Tuple.of(tenants, HashChain.GENESIS))
                .compose(heads -> insert(conn, heads, records)));
    }

    private Future<List<DecisionRecord>> insert(SqlConnection conn, Iterable<Row> heads, List<DecisionRecord> records) {
        HashChain chain = new HashChain();
        for (Row h : heads) {
            chain.restore(h.getString("tenant"), h.getLong("seq"), h.getString("hash"));
        }
        int n = records.size();
        String[] tenant = new String[n];
        Long[] seq = new Long[n];
        String[] prev = new String[n];
        String[] hash = new String[n];
        String[] time = new String[n];
        String[] run = new String[n];
        String[] user = new String[n];
        String[] agent = new String[n];
        String[] tool = new String[n];
        String[] outcome = new String[n];
        String[] json = new String[n];
        List<DecisionRecord> linked = new ArrayList<>(n);
        Map<String, DecisionRecord> last = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            DecisionRecord r = chain.link(records.get(i));
            linked.add(r);
            last.put(r.tenant(), r);
            tenant[i] = r.tenant();
            seq[i] = r.seq();
            prev[i] = r.prevHash();
            hash[i] = r.hash();
            time[i] = columnTime(r.time());
            run[i] = r.runId();
            user[i] = r.userId();
            agent[i] = r.agentId();
            tool[i] = r.tool();
            outcome[i] = r.outcome();
            json[i] = CanonicalJson.write(r);
        }
        int t = last.size();
        String[] headTenant = new String[t];
        Long[] headSeq = new Long[t];
        String[] headHash = new String[t];
        String[] headMac = new String[t];
        int i = 0;
        for (DecisionRecord r : last.values()) {
            headTenant[i] = r.tenant();
            headSeq[i] = r.seq();
            headHash[i] = r.hash();
            headMac[i] = signer.sign(r.tenant(), r.seq(), r.hash());
            i++;
        }
        Tuple params = Tuple.tuple().addArrayOfString(tenant).addArrayOfLong(seq).addArrayOfString(prev)
                .addArrayOfString(hash).addArrayOfString(time).addArrayOfString(run).addArrayOfString(user)
                .addArrayOfString(agent).addArrayOfString(tool).addArrayOfString(outcome).addArrayOfString(json)
                .addArrayOfString(headTenant).addArrayOfLong(headSeq).addArrayOfString(headHash)
                .addArrayOfString(headMac);
        return conn.preparedQuery(sql.appendAndAdvance).execute(params).map(done -> linked);
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

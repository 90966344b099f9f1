package dev.warden.quarkus.postgres;

import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.audit.HashChain;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch of records linked onto given chain heads, as the arrays of one multi-row statement: the rows, every
 * tenant's new (signed) head, and the head each tenant's first record was linked onto (what the statement checks).
 */
final class AuditBatch {
    private final List<DecisionRecord> linked;
    private final Tuple rows;
    private final Map<String, HashChain.Head> before = new LinkedHashMap<>();
    private final Map<String, HashChain.Head> after = new LinkedHashMap<>();
    private final String[] headMac;

    private AuditBatch(Map<String, HashChain.Head> heads, List<DecisionRecord> records, HeadSigner signer) {
        HashChain chain = new HashChain();
        records.stream().map(DecisionRecord::tenant).distinct().forEach(t -> { // only the batch's tenants
            HashChain.Head h = heads.get(t);
            if (h != null) {
                chain.restore(t, h.seq(), h.hash());
            }
        });
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
        linked = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            HashChain.Linked l = chain.linkWithLine(records.get(i)); // one serialisation: hashed text and stored line
            DecisionRecord r = l.record();
            linked.add(r);
            before.putIfAbsent(r.tenant(), new HashChain.Head(r.seq() - 1, r.prevHash()));
            after.put(r.tenant(), new HashChain.Head(r.seq(), r.hash()));
            tenant[i] = r.tenant();
            seq[i] = r.seq();
            prev[i] = r.prevHash();
            hash[i] = r.hash();
            time[i] = AuditBatchWriter.columnTime(r.time());
            run[i] = r.runId();
            user[i] = r.userId();
            agent[i] = r.agentId();
            tool[i] = r.tool();
            outcome[i] = r.outcome();
            json[i] = l.line();
        }
        headMac = new String[after.size()];
        int i = 0;
        for (Map.Entry<String, HashChain.Head> h : after.entrySet()) {
            headMac[i++] = signer.sign(h.getKey(), h.getValue().seq(), h.getValue().hash());
        }
        rows = Tuple.tuple().addArrayOfString(tenant).addArrayOfLong(seq).addArrayOfString(prev)
                .addArrayOfString(hash).addArrayOfString(time).addArrayOfString(run).addArrayOfString(user)
                .addArrayOfString(agent).addArrayOfString(tool).addArrayOfString(outcome).addArrayOfString(json);
    }

    /** Links {@code records} in order onto {@code heads} (a tenant missing there starts at genesis). */
    static AuditBatch link(Map<String, HashChain.Head> heads, List<DecisionRecord> records, HeadSigner signer) {
        return new AuditBatch(heads, records, signer);
    }

    /** The linked records, in the order given. */
    List<DecisionRecord> records() {
        return linked;
    }

    /** Every tenant's head once the batch is stored. */
    Map<String, HashChain.Head> heads() {
        return after;
    }

    /** Parameters of {@link AuditSql#appendAndAdvance}: the rows ($1–$11) and the new heads ($12–$15). */
    Tuple rowsAndHeads() {
        Tuple t = copyOfRows();
        addHeads(t);
        return t;
    }

    /** Parameters of {@link AuditSql#appendOnHeads}: as {@link #rowsAndHeads()}, plus the heads linked onto. */
    Tuple rowsHeadsAndExpected() {
        Tuple t = copyOfRows();
        addHeads(t);
        Long[] seq = new Long[before.size()];
        String[] hash = new String[before.size()];
        int i = 0;
        for (HashChain.Head h : before.values()) {
            seq[i] = h.seq();
            hash[i++] = h.hash();
        }
        return t.addArrayOfLong(seq).addArrayOfString(hash);
    }

    private Tuple copyOfRows() {
        Tuple t = Tuple.tuple();
        for (int i = 0; i < rows.size(); i++) {
            t.addValue(rows.getValue(i));
        }
        return t;
    }

    private void addHeads(Tuple t) {
        int n = after.size();
        String[] tenant = new String[n];
        Long[] seq = new Long[n];
        String[] hash = new String[n];
        int i = 0;
        for (Map.Entry<String, HashChain.Head> h : after.entrySet()) {
            tenant[i] = h.getKey();
            seq[i] = h.getValue().seq();
            hash[i++] = h.getValue().hash();
        }
        t.addArrayOfString(tenant).addArrayOfLong(seq).addArrayOfString(hash).addArrayOfString(headMac);
    }
}

package dev.warden.quarkus.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.core.audit.CanonicalJson;
import dev.warden.core.audit.ChainVerification;
import dev.warden.core.audit.HashChainVerifier;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Verifies the stored chains from one consistent snapshot, streaming the rows page by page: the records' hash chain
 * ({@link HashChainVerifier}), that each row's query columns match its hashed JSON (else a query could hide a
 * record), and that each tenant's chain ends exactly at its (signed) head (else the tail was cut or extended).
 */
final class AuditChainCheck {
    private final Iterator<Row> rowsInChainOrder;
    private final Map<String, String> lastRecordOfTenant = new TreeMap<>();
    private final Map<String, SignedHead> anchors;
    private ChainVerification columnMismatch;
    private long rows;

    AuditChainCheck(Iterator<Row> rowsInChainOrder, Map<String, SignedHead> anchors) {
        this.rowsInChainOrder = rowsInChainOrder;
        this.anchors = anchors;
    }

    ChainVerification run(Map<String, SignedHead> heads, HeadSigner signer) {
        ChainVerification chain = HashChainVerifier.verify(this::records);
        if (!chain.valid()) {
            return chain;
        }
        if (columnMismatch != null) {
            return columnMismatch;
        }
        java.util.Set<String> tenants = new java.util.TreeSet<>(heads.keySet());
        tenants.addAll(lastRecordOfTenant.keySet());
        tenants.addAll(anchors.keySet()); // a tenant whose every row was deleted still has its anchor
        for (String tenant : tenants) {
            SignedHead head = heads.get(tenant);
            JsonNode last = parse(lastRecordOfTenant.get(tenant));
            long seq = last == null ? 0 : last.path("seq").asLong();
            SignedHead anchor = anchors.get(tenant);
            if (anchor != null && seq < anchor.seq()) {
                return broken(seq + 1, tenant, "chain truncated below the anchored head seq " + anchor.seq()
                        + " (database rolled back?)");
            }
            if (head == null) {
                return broken(1L, tenant, "tenant has records but no chain head (head row deleted)");
            }
            if (!signer.verify(tenant, head.seq(), head.hash(), head.mac())) {
                return broken(head.seq(), tenant, "chain head signature is invalid (head row altered)");
            }
            if (seq < head.seq()) {
                return broken(seq + 1, tenant, "chain truncated: head is seq " + head.seq() + ", last record " + seq);
            }
            if (seq > head.seq()) {
                return broken(head.seq() + 1, tenant, "records beyond the chain head (seq " + seq + " > " + head.seq()
                        + "): inserted at the tail");
            }
            if (!head.hash().equals(last.path("hash").asText())) {
                return broken(seq, tenant, "last record does not match the chain head hash");
            }
        }
        return chain;
    }

    private ChainVerification broken(Long seq, String tenant, String message) {
        return new ChainVerification(false, rows, seq, tenant, message);
    }

    private Iterator<String> records() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rowsInChainOrder.hasNext() && columnMismatch == null;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row row = rowsInChainOrder.next();
                rows++;
                String json = row.getString("record");
                checkColumns(row, json);
                checkAnchor(row);
                lastRecordOfTenant.put(row.getString("tenant"), json);
                return json;
            }
        };
    }

    private void checkAnchor(Row row) {
        SignedHead anchor = anchors.get(row.getString("tenant"));
        if (anchor != null && anchor.seq() == row.getLong("seq") && !anchor.hash().equals(row.getString("hash"))
                && columnMismatch == null) {
            columnMismatch = broken(anchor.seq(), anchor.tenant(), "record " + anchor.seq()
                    + " differs from the anchored head (rewritten history)");
        }
    }

    private void checkColumns(Row row, String json) {
        JsonNode r = parse(json);
        if (r == null) {
            return; // the chain verifier reports unreadable records itself
        }
        boolean same = row.getString("tenant").equals(r.path("tenant").asText("default"))
                && row.getLong("seq") == r.path("seq").asLong()
                && row.getString("prev_hash").equals(r.path("prevHash").asText())
                && row.getString("hash").equals(r.path("hash").asText())
                && Objects.equals(row.getString("run_id"), text(r, "runId"))
                && Objects.equals(row.getString("user_id"), text(r, "userId"))
                && Objects.equals(row.getString("agent_id"), text(r, "agentId"))
                && Objects.equals(row.getString("tool"), text(r, "tool"))
                && Objects.equals(row.getString("outcome"), text(r, "outcome"))
                && sameTime(r, row);
        if (!same && columnMismatch == null) {
            columnMismatch = broken(r.path("seq").asLong(), r.path("tenant").asText("default"),
                    "query columns of record " + r.path("seq").asLong() + " differ from the hashed record (altered)");
        }
    }

    private static boolean sameTime(JsonNode r, Row row) {
        if (!r.hasNonNull("time")) {
            return true; // stored with the insert time
        }
        try {
            return Instant.parse(r.get("time").asText()).truncatedTo(ChronoUnit.MICROS)
                    .equals(row.getOffsetDateTime("recorded_at").toInstant());
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return CanonicalJson.MAPPER.readTree(json);
        } catch (Exception e) {
            return null;
        }
    }
}

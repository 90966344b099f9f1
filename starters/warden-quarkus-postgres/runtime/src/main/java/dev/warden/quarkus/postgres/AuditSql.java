package dev.warden.quarkus.postgres;

/** The audit store's SQL, qualified with the configured schema. */
final class AuditSql {
    /** Creates missing heads and locks every head of a batch (row locks serialise writers across replicas). */
    final String lockHeads;
    /** Inserts a batch of linked records and advances the heads, in one statement. */
    final String appendAndAdvance;
    /**
     * One statement, run outside a transaction (its own commit): locks, in tenant order, the heads still at the seq
     * and hash the batch was linked onto ($16, $17), advances them and inserts their records; returns the tenants
     * written. A tenant whose head moved meanwhile (another replica) is left untouched, records and head alike.
     */
    final String appendOnHeads;
    final String readHeads;
    final String streamRecords;
    final String query;
    final String exportRecords;

    AuditSql(String schema) {
        String records = SqlIdentifiers.requireValid(schema) + ".warden_audit_record";
        String heads = schema + ".warden_audit_head";
        lockHeads = "INSERT INTO " + heads + " AS h (tenant, seq, hash) SELECT t, 0, $2 FROM unnest($1::text[]) AS t"
                + " ON CONFLICT (tenant) DO UPDATE SET updated_at = now() RETURNING h.tenant, h.seq, h.hash";
        String rows = "SELECT tenant, seq, prev_hash, hash, coalesce(recorded_at::timestamptz, now()), run_id, user_id,"
                + " agent_id, tool, outcome, record FROM unnest($1::text[], $2::int8[], $3::text[], $4::text[],"
                + " $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])"
                + " AS r(tenant, seq, prev_hash, hash, recorded_at, run_id, user_id, agent_id, tool, outcome, record)";
        String columns = " (tenant, seq, prev_hash, hash, recorded_at, run_id, user_id, agent_id, tool, outcome,"
                + " record) ";
        appendAndAdvance = "WITH inserted AS (INSERT INTO " + records + columns + rows + ")"
                + " UPDATE " + heads + " h SET seq = u.seq, hash = u.hash, mac = u.mac, updated_at = now()"
                + " FROM unnest($12::text[], $13::int8[], $14::text[], $15::text[]) AS u(tenant, seq, hash, mac)"
                + " WHERE h.tenant = u.tenant"; // PostgreSQL runs a data-modifying WITH exactly once, read or not
        appendOnHeads = "WITH e AS (SELECT * FROM unnest($12::text[], $13::int8[], $14::text[], $15::text[],"
                + " $16::int8[], $17::text[]) AS e(tenant, seq, hash, mac, prev_seq, prev_hash)),"
                + " locked AS MATERIALIZED (SELECT h.tenant FROM " + heads + " h JOIN e ON h.tenant = e.tenant"
                + " AND h.seq = e.prev_seq AND h.hash = e.prev_hash ORDER BY h.tenant COLLATE \"C\" FOR UPDATE OF h),"
                // all of the batch's tenants or none: a batch is never partly committed here and retried whole
                + " advanced AS (UPDATE " + heads + " h SET seq = e.seq, hash = e.hash, mac = e.mac, updated_at = now()"
                + " FROM e WHERE h.tenant = e.tenant AND h.tenant IN (SELECT tenant FROM locked)"
                + " AND (SELECT count(*) FROM locked) = (SELECT count(*) FROM e) RETURNING h.tenant),"
                + " inserted AS (INSERT INTO " + records + columns + rows
                + " WHERE r.tenant IN (SELECT tenant FROM advanced))"
                + " SELECT tenant FROM advanced";
        readHeads = "SELECT tenant, seq, hash, mac FROM " + heads + " WHERE seq > 0 ORDER BY tenant";
        streamRecords = ChainPages.after("SELECT tenant, seq, prev_hash, hash, recorded_at, run_id, user_id, agent_id,"
                + " tool, outcome, record", records);
        exportRecords = ChainPages.after("SELECT tenant, seq, record", records);
        query = "SELECT record FROM " + records + " WHERE ($1::text IS NULL OR tenant = $1)"
                + " AND ($2::text IS NULL OR run_id = $2) AND ($3::text IS NULL OR user_id = $3)"
                + " AND ($4::text IS NULL OR agent_id = $4) AND ($5::timestamptz IS NULL OR recorded_at >= $5)"
                + " AND ($6::timestamptz IS NULL OR recorded_at < $6)"
                + " AND ($7::text IS NULL OR tool = $7) AND ($8::text IS NULL OR outcome = $8)"
                + " ORDER BY recorded_at DESC, tenant DESC, seq DESC LIMIT $9";
    }
}

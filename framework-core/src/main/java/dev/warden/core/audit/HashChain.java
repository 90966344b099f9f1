package dev.warden.core.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-tenant hash chain state: the sequence number and hash of each tenant's last record. Not thread-safe; sinks
 * call it under their own lock, in the order records are persisted.
 */
public final class HashChain {
    /** prevHash of the first record of every tenant's chain. */
    public static final String GENESIS = "0".repeat(64);

    private final Map<String, Head> heads = new HashMap<>();
    private java.security.MessageDigest sha;

    /** The last link of a tenant's chain. */
    public record Head(long seq, String hash) {}

    /** Assigns the next sequence number and hash of {@code record}'s tenant, and advances the head. */
    public DecisionRecord link(DecisionRecord record) {
        return linked(record, false).record();
    }

    /** A linked record and its stored line: canonical JSON with its hash, {@code CanonicalJson.write(record)}. */
    public record Linked(DecisionRecord record, String line) {}

    /**
     * As {@link #link}, also returning the record's stored line, built from the text the hash was computed over (one
     * serialisation per record instead of two).
     */
    public Linked linkWithLine(DecisionRecord record) {
        LinkedBytes l = linked(record, true);
        return new Linked(l.record(), l.line() == null ? l.text() : new String(l.line(), 0, l.line().length - 1,
                StandardCharsets.UTF_8));
    }

    /** A linked record and its stored line as UTF-8 bytes ending in a newline: what a JSONL file appends. */
    LinkedBytes linkForFile(DecisionRecord record) {
        LinkedBytes l = linked(record, true);
        return l.line() != null ? l : new LinkedBytes(l.record(), (l.text() + "\n").getBytes(StandardCharsets.UTF_8),
                null);
    }

    /** A linked record and its line: as bytes with a newline (one-pass writer), or as text (tree-aware path). */
    record LinkedBytes(DecisionRecord record, byte[] line, String text) {}

    /**
     * Links {@code record}: its canonical bytes written by hand in one pass ({@link CanonicalRecordWriter}), else (its
     * arguments hold trees or other types) by the tree-aware path. With {@code withLine}, the stored line too.
     */
    private LinkedBytes linked(DecisionRecord record, boolean withLine) {
        Head head = heads.getOrDefault(tenantKey(record.tenant()), new Head(0, GENESIS));
        long seq = head.seq() + 1;
        DecisionRecord unsigned = record.withChain(seq, head.hash(), null);
        CanonicalRecordWriter.Encoded encoded = CanonicalRecordWriter.encode(unsigned);
        if (encoded != null) {
            if (sha == null) {
                sha = CanonicalJson.sha256();
            }
            String hash = encoded.hash(head.hash(), sha);
            DecisionRecord linked = unsigned.withChain(seq, head.hash(), hash);
            byte[] line = withLine ? encoded.line(hash, true) : null;
            heads.put(tenantKey(record.tenant()), new Head(seq, hash));
            return new LinkedBytes(linked, line, null);
        }
        String hashText = CanonicalJson.writeForHash(unsigned);
        String hash = CanonicalJson.sha256Hex(head.hash(), hashText);
        DecisionRecord linked = unsigned.withChain(seq, head.hash(), hash);
        String line = null;
        if (withLine) { // built before the head moves: a record whose line cannot be built leaves the chain as it was
            String spliced = CanonicalJson.lineOf(linked, hashText);
            line = spliced != null ? spliced : CanonicalJson.write(linked);
        }
        heads.put(tenantKey(record.tenant()), new Head(seq, hash));
        return new LinkedBytes(linked, null, line);
    }

    /** Restores a head, e.g. after reading an existing file on start. */
    public void restore(String tenant, long seq, String hash) {
        heads.put(tenantKey(tenant), new Head(seq, hash));
    }

    /**
     * Takes back the last link of {@code linked}'s tenant, which must be {@code linked} itself: its head becomes what
     * it was before {@link #link}, including "no head yet" for a tenant's first record. Used when a write fails.
     */
    public void unlink(DecisionRecord linked) {
        if (linked.seq() <= 1) {
            heads.remove(tenantKey(linked.tenant()));
        } else {
            restore(linked.tenant(), linked.seq() - 1, linked.prevHash());
        }
    }

    /** Sets every tenant's head to {@code heads} (tenants not in it start again at genesis): after a failed write. */
    public void resetTo(Map<String, Head> heads) {
        this.heads.clear();
        this.heads.putAll(heads);
    }

    /** The chain a record without a tenant belongs to: {@code default}, as the verifiers read it. */
    static String tenantKey(String tenant) {
        return tenant == null ? "default" : tenant;
    }

    public Map<String, Head> heads() {
        return Map.copyOf(heads);
    }

    /** SHA-256 over {@code prevHash ‖ canonical JSON of the record without its hash}. */
    public static String hashOf(DecisionRecord record) {
        String prev = record.prevHash() != null ? record.prevHash() : GENESIS;
        return CanonicalJson.sha256Hex(prev, CanonicalJson.writeForHash(record)); // its hash field never counts
    }

    /** Same as {@link #hashOf(DecisionRecord)} for a record parsed from storage. */
    public static String hashOf(ObjectNode stored) {
        ObjectNode copy = stored.deepCopy();
        copy.remove("hash");
        String prev = copy.hasNonNull("prevHash") ? copy.get("prevHash").asText() : GENESIS;
        return CanonicalJson.sha256Hex(prev, CanonicalJson.write(copy));
    }
}

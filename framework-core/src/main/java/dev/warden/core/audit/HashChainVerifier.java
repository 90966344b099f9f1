package dev.warden.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/**
 * Recomputes every tenant's chain and reports the first broken link: an edited record (hash mismatch), a deleted or
 * inserted record (sequence gap or prevHash mismatch) or a reordering (sequence out of order). Truncating the tail is
 * only detectable against a separately kept head (signed checkpoints), which {@link #verify(Iterable, Map)} accepts.
 */
public final class HashChainVerifier {
    /**
     * Reads a stored line refusing a key given twice: the hash covers the parsed record, and a reader keeping the first
     * of two keys ({@code "outcome":"ALLOW"} put in front of a DENY record's own) would see what the hash never did.
     * The writers never write a key twice (decision 0057).
     */
    private static final com.fasterxml.jackson.databind.ObjectReader STRICT = CanonicalJson.MAPPER.reader()
            .with(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private HashChainVerifier() {}

    public static ChainVerification verify(Iterable<String> jsonLines) {
        return verify(jsonLines, Map.of());
    }

    /**
     * @param expectedHeads known heads per tenant (e.g. from a signed checkpoint); a chain shorter than its known head
     *     is reported as truncated
     */
    public static ChainVerification verify(Iterable<String> jsonLines, Map<String, HashChain.Head> expectedHeads) {
        Map<String, HashChain.Head> heads = new HashMap<>();
        ChainVerification links = verifyLinks(jsonLines, heads);
        if (!links.valid()) {
            return links;
        }
        for (Map.Entry<String, HashChain.Head> e : expectedHeads.entrySet()) {
            HashChain.Head actual = heads.getOrDefault(e.getKey(), new HashChain.Head(0, HashChain.GENESIS));
            if (actual.seq() < e.getValue().seq()) {
                return new ChainVerification(false, links.records(), actual.seq() + 1, e.getKey(),
                        "chain truncated: known head is seq " + e.getValue().seq() + ", found " + actual.seq());
            }
        }
        return links;
    }

    /**
     * Verifies the links and that every tenant's chain ends <em>exactly</em> at its signed head (same sequence number
     * and hash), and that no tenant has records without a signed head: the check of a store that signs its head on
     * every append, so that a cut tail, a rewritten and re-hashed tail, and records added at the end are all reported.
     *
     * @param signedHeads every tenant's head as last signed by the store
     */
    public static ChainVerification verifyExactHeads(Iterable<String> jsonLines,
            Map<String, HashChain.Head> signedHeads) {
        Map<String, HashChain.Head> heads = new HashMap<>();
        ChainVerification links = verifyLinks(jsonLines, heads);
        if (!links.valid()) {
            return links;
        }
        java.util.Set<String> tenants = new java.util.TreeSet<>(signedHeads.keySet());
        tenants.addAll(heads.keySet());
        for (String tenant : tenants) {
            HashChain.Head actual = heads.getOrDefault(tenant, new HashChain.Head(0, HashChain.GENESIS));
            HashChain.Head signed = signedHeads.getOrDefault(tenant, new HashChain.Head(0, HashChain.GENESIS));
            if (actual.seq() < signed.seq()) {
                return new ChainVerification(false, links.records(), actual.seq() + 1, tenant,
                        "chain truncated: signed head is seq " + signed.seq() + ", last record " + actual.seq());
            }
            if (actual.seq() > signed.seq()) {
                return new ChainVerification(false, links.records(), signed.seq() + 1, tenant,
                        "records beyond the signed head (seq " + actual.seq() + " > " + signed.seq()
                                + "): added at the tail");
            }
            if (!actual.hash().equals(signed.hash())) {
                return new ChainVerification(false, links.records(), actual.seq(), tenant,
                        "record " + actual.seq() + " does not match the signed head (tail rewritten)");
            }
        }
        return links;
    }

    /** Checks every link and leaves each tenant's last link in {@code heads}. */
    private static ChainVerification verifyLinks(Iterable<String> jsonLines, Map<String, HashChain.Head> heads) {
        long count = 0;
        for (String line : jsonLines) {
            if (line == null || line.isBlank()) {
                continue;
            }
            count++;
            JsonNode node;
            try {
                node = STRICT.readTree(line);
            } catch (Exception e) {
                return new ChainVerification(false, count, null, null, "record " + count + " is not valid JSON"
                        + " or holds a key twice (altered)");
            }
            if (!(node instanceof ObjectNode obj) || !obj.hasNonNull("seq") || !obj.hasNonNull("hash")) {
                return new ChainVerification(false, count, null, null, "record " + count + " has no chain fields");
            }
            String tenant = obj.path("tenant").asText("default");
            HashChain.Head head = heads.getOrDefault(tenant, new HashChain.Head(0, HashChain.GENESIS));
            long seq = obj.get("seq").asLong();
            long expected = head.seq() + 1;
            if (seq != expected) {
                return new ChainVerification(false, count, expected, tenant,
                        "expected seq " + expected + " but found " + seq + " (record deleted, inserted or reordered)");
            }
            if (!head.hash().equals(obj.path("prevHash").asText())) {
                return new ChainVerification(false, count, seq, tenant, "prevHash does not match the previous record");
            }
            String recomputed = HashChain.hashOf(obj);
            if (!recomputed.equals(obj.get("hash").asText())) {
                return new ChainVerification(false, count, seq, tenant, "hash mismatch: record " + seq + " was altered");
            }
            heads.put(tenant, new HashChain.Head(seq, recomputed));
        }
        return ChainVerification.ok(count);
    }
}

package dev.warden.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The one-pass canonical writer used when a record is chained must produce exactly the text the verifier rebuilds
 * from the stored, parsed line — otherwise every record would read as tampered.
 */
class CanonicalJsonProperties {

    @Property(tries = 400)
    void the_direct_writer_equals_the_tree_writer_and_the_stored_line_verifies(@ForAll("args") Map<String, Object> args,
            @ForAll("text") String reason, @ForAll("text") String tool) throws Exception {
        DecisionRecord r = new DecisionRecord(7L, "t-" + tool.length(), HashChain.GENESIS, null,
                "2026-11-25T10:00:00.123456789Z", null, "span", "run", 3, "TOOL_CALL", "ü-user", "agent",
                List.of("a", "b"), tool, null, "digest", args, null, "DENY", "WARDEN-X-0001", reason,
                List.of("r2", "r1"), List.of("set@1"),
                List.of(new DecisionRecord.PlaneEntry("p", "DENY", null, "set@1", List.of("r2"), null, reason)),
                new DecisionRecord.LabelsEntry("PUBLIC", List.of("PII", "FINANCIAL"), "TRUSTED"), null, 12);
        ObjectNode tree = (ObjectNode) CanonicalJson.tree(r);
        tree.remove("hash");
        // stored as UTF-8 (a lone surrogate becomes '?') and read back from the bytes, as the verifier reads the file
        ObjectNode asStored = (ObjectNode) CanonicalJson.MAPPER.readTree(
                CanonicalJson.write(tree).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(CanonicalJson.writeForHash(r)).isEqualTo(CanonicalJson.write(asStored));

        HashChain chain = new HashChain();
        DecisionRecord linked = chain.link(r);
        String line = CanonicalJson.write(linked);
        if (!CanonicalRecordWriterProperties.keysHoldSurrogates(args)) { // one pass = tree path, as UTF-8 (a tree
            // built from the record sorts a key holding a lone surrogate by the surrogate; the line holds it as '?')
            assertThat(line.getBytes(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(CanonicalJson
                    .write(CanonicalJson.tree(linked)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(HashChainVerifier.verify(List.of(stored(line))).valid()).as(line).isTrue();
    }

    @Property(tries = 400)
    void maps_and_lists_are_written_in_one_pass_exactly_as_the_tree_path_writes_them(
            @ForAll("args") Map<String, Object> map, @ForAll("text") String key) {
        assertThat(CanonicalJson.write((Object) map)).isEqualTo(CanonicalJson.write(CanonicalJson.tree(map)));
        List<Object> list = new ArrayList<>();
        list.add(map);
        list.add(key);
        list.add(null);
        assertThat(CanonicalJson.write((Object) list)).isEqualTo(CanonicalJson.write(CanonicalJson.tree(list)));
        Map<String, Map<String, Object>> heads = new java.util.TreeMap<>();
        heads.put(key, Map.of("seq", (long) key.length(), "hash", key + "h"));
        assertThat(CanonicalJson.write((Object) heads)).isEqualTo(CanonicalJson.write(CanonicalJson.tree(heads)));
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.strings().all().ofMaxLength(20);
    }

    @Provide
    Arbitrary<Map<String, Object>> args() {
        return value(3).map(v -> v instanceof Map<?, ?> ? castMap(v) : Map.of("v", v == null ? "null" : v))
                .injectNull(0.05);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object v) {
        return (Map<String, Object>) v;
    }

    private Arbitrary<Object> value(int depth) {
        Arbitrary<Object> leaf = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i), Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d), Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.bigDecimals().ofScale(3).map(b -> (Object) b), Arbitraries.just(null));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Object> map = Arbitraries.maps(Arbitraries.strings().all().ofMaxLength(8), value(depth - 1))
                .ofMaxSize(4).map(m -> (Object) new LinkedHashMap<>(m));
        Arbitrary<Object> list = value(depth - 1).list().ofMaxSize(4).map(l -> (Object) new ArrayList<>(l));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, leaf), net.jqwik.api.Tuple.of(2, map),
                net.jqwik.api.Tuple.of(1, list));
    }

    @Property(tries = 50)
    void arguments_holding_json_trees_take_the_tree_path_and_still_verify(@ForAll("text") String key) {
        ObjectNode inner = CanonicalJson.MAPPER.createObjectNode().put("z", 1).put("a", key);
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("tree", inner);
        args.put("n", BigDecimal.ONE);
        DecisionRecord r = new DecisionRecord(null, "t", null, null, "2026-11-25T10:00:00Z", null, null, "run", 1,
                "TOOL_CALL", "u", "a", List.of(), "x", null, null, args, null, "ALLOW", null, null, List.of(),
                List.of(), List.of(), null, null, 1);
        String line = CanonicalJson.write(new HashChain().link(r));
        assertThat(HashChainVerifier.verify(List.of(stored(line))).valid()).isTrue();
    }

    @Property(tries = 400)
    void the_line_spliced_from_the_hash_text_equals_the_record_written_again(@ForAll("args") Map<String, Object> args,
            @ForAll("text") String reason, @ForAll("text") String tool, @ForAll boolean after, @ForAll boolean before,
            @ForAll boolean digest) {
        DecisionRecord.LabelsEntry labels = new DecisionRecord.LabelsEntry("PUBLIC", List.of("PII"), "TRUSTED");
        DecisionRecord r = new DecisionRecord(null, tool.isEmpty() ? null : "t", null, null, "2026-12-05T04:00:00Z",
                null, null, "run", 2, "TOOL_RESULT", "u", "agent", List.of(), tool, null, null,
                args == null || args.isEmpty() ? null : args, digest ? "c0ffee" : null, "ALLOW", null, reason, List.of(), List.of(),
                List.of(new DecisionRecord.PlaneEntry("p", "ALLOW", null, null, List.of(), null, reason)),
                before ? labels : null, after ? labels : null, 5);
        HashChain chain = new HashChain();
        HashChain.Linked first = chain.linkWithLine(r);
        HashChain.Linked second = chain.linkWithLine(r);
        for (HashChain.Linked l : List.of(first, second)) { // as bytes: the line holds '?' for a lone surrogate
            assertThat(l.line().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(CanonicalJson.write(l.record()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(HashChainVerifier.verify(List.of(stored(first.line()), stored(second.line()))).valid()).isTrue();
    }

    /** A line as the verifier reads it back from a file: through UTF-8, where a lone surrogate is '?'. */
    static String stored(String line) {
        return new String(line.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.UTF_8);
    }
}

package dev.warden.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Decision 0057: the hand-written canonical writer must produce, byte for byte, what the verifier's tree path rebuilds
 * from the stored line — the bytes hashed and the line stored — for every record: unicode, escapes, lone surrogates,
 * nulls (omitted at the top level, kept inside lists, maps and label entries), empty collections, nested maps.
 */
class CanonicalRecordWriterProperties {

    @Property(tries = 300)
    void the_hashed_bytes_and_the_stored_line_are_what_the_verifier_rebuilds(@ForAll("records") DecisionRecord r,
            @ForAll("prevHash") String prev) throws Exception {
        DecisionRecord unsigned = r.withChain(r.seq() == null ? 1 : r.seq(), prev, null);
        CanonicalRecordWriter.Encoded encoded = CanonicalRecordWriter.encode(unsigned);
        assertThat(encoded).as("plain JSON values are written in one pass").isNotNull();
        String hash = encoded.hash(prev, CanonicalJson.sha256());
        byte[] line = encoded.line(hash, true);
        assertThat(line[line.length - 1]).isEqualTo((byte) '\n');
        String stored = new String(line, 0, line.length - 1, StandardCharsets.UTF_8);

        // the verifier's tree path over the stored line
        ObjectNode parsed = (ObjectNode) CanonicalJson.MAPPER.readTree(stored);
        assertThat(CanonicalJson.write(parsed).getBytes(StandardCharsets.UTF_8)).as("the line is canonical")
                .isEqualTo(Arrays.copyOf(line, line.length - 1));
        assertThat(parsed.get("hash").asText()).isEqualTo(hash);
        assertThat(HashChain.hashOf(parsed)).as("the verifier recomputes the same hash").isEqualTo(hash);
        ObjectNode unsignedTree = parsed.deepCopy();
        unsignedTree.remove("hash");
        assertThat(encoded.bytes()).as("the bytes hashed")
                .isEqualTo(CanonicalJson.write(unsignedTree).getBytes(StandardCharsets.UTF_8));

        // and the tree built from the record itself agrees (same bytes), except where that path was wrong: it sorts a
        // key holding a lone surrogate by the surrogate, the verifier by the '?' it reads back
        if (!keysHoldSurrogates(unsigned.args())) {
            ObjectNode fromRecord = (ObjectNode) CanonicalJson.tree(unsigned);
            fromRecord.remove("hash");
            assertThat(encoded.bytes()).isEqualTo(CanonicalJson.write(fromRecord).getBytes(StandardCharsets.UTF_8));
        }
        DecisionRecord linked = unsigned.withChain(unsigned.seq(), prev, hash);
        assertThat(line).isEqualTo((CanonicalJson.write(linked) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static boolean keysHoldSurrogates(Object v) {
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getKey().toString().chars().anyMatch(c -> Character.isSurrogate((char) c))
                        || keysHoldSurrogates(e.getValue())) {
                    return true;
                }
            }
        } else if (v instanceof java.util.Collection<?> c) {
            return c.stream().anyMatch(CanonicalRecordWriterProperties::keysHoldSurrogates);
        }
        return false;
    }

    @Example
    void a_key_holding_a_lone_surrogate_is_sorted_as_the_verifier_reads_it_back() {
        // found by the property above: the Jackson path sorted "\ud800x" after "A" (by the surrogate) but wrote it
        // as "?x", which the verifier sorts before "A": the record read as tampered
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("\ud800x", 1);
        args.put("A", 2);
        HashChain.Linked l = new HashChain().linkWithLine(record(args));
        assertThat(l.line()).contains("{\"?x\":1,\"A\":2}");
        assertThat(HashChainVerifier.verify(List.of(l.line())).valid()).isTrue();
    }

    @Property(tries = 60)
    void a_chain_linked_in_one_pass_verifies_and_agrees_with_link_with_line(@ForAll("records") DecisionRecord a,
            @ForAll("records") DecisionRecord b) {
        HashChain files = new HashChain();
        HashChain texts = new HashChain();
        List<String> lines = new ArrayList<>();
        for (DecisionRecord r : List.of(a, b, a)) {
            HashChain.LinkedBytes f = files.linkForFile(r);
            HashChain.Linked t = texts.linkWithLine(r);
            String line = new String(f.line(), StandardCharsets.UTF_8);
            assertThat(line).isEqualTo(t.line() + "\n");
            assertThat(f.record()).isEqualTo(t.record());
            lines.add(line.strip().isEmpty() ? line : line.substring(0, line.length() - 1));
        }
        assertThat(HashChainVerifier.verify(lines).valid()).as(String.join("\n", lines)).isTrue();
    }

    @Example
    void values_the_writer_does_not_know_take_the_tree_path_and_still_verify() {
        List<Object> odd = List.of(BigDecimal.valueOf(1, -7), 1.5f, CanonicalJson.MAPPER.createObjectNode().put("z", 1),
                Map.of(1, "non-string key"), new int[] {1, 2}, 'c', new StringBuilder("sb"));
        for (Object v : odd) {
            DecisionRecord r = record(Map.of("v", v));
            assertThat(CanonicalRecordWriter.encode(r)).as(String.valueOf(v)).isNull();
            HashChain.LinkedBytes l = new HashChain().linkForFile(r);
            String line = new String(l.line(), StandardCharsets.UTF_8).stripTrailing();
            assertThat(HashChainVerifier.verify(List.of(line)).valid()).as(line).isTrue();
        }
    }

    @Example
    void a_sorted_map_with_its_own_order_is_written_in_canonical_order() {
        TreeMap<String, Object> reversed = new TreeMap<>(java.util.Comparator.reverseOrder());
        reversed.put("a", 1);
        reversed.put("b", 2);
        HashChain.LinkedBytes l = new HashChain().linkForFile(record(Map.of("m", reversed)));
        String line = new String(l.line(), StandardCharsets.UTF_8).stripTrailing();
        assertThat(line).contains("\"m\":{\"a\":1,\"b\":2}");
        assertThat(HashChainVerifier.verify(List.of(line)).valid()).isTrue();
    }

    @Example
    void the_writer_knows_every_member_of_a_record_in_sorted_order() {
        List<String> components = Arrays.stream(DecisionRecord.class.getRecordComponents())
                .map(RecordComponent::getName).sorted().toList();
        assertThat(CanonicalRecordWriter.MEMBERS).as("a new component must be written by CanonicalRecordWriter")
                .isEqualTo(components);
        assertThat(Arrays.stream(DecisionRecord.PlaneEntry.class.getRecordComponents()).map(RecordComponent::getName)
                .toList()).containsExactlyInAnyOrder("plane", "decision", "mode", "policy", "ruleIds", "code",
                        "reason");
        assertThat(Arrays.stream(DecisionRecord.LabelsEntry.class.getRecordComponents())
                .map(RecordComponent::getName).toList()).containsExactlyInAnyOrder("level", "categories", "integrity");
    }

    private static DecisionRecord record(Map<String, Object> args) {
        return new DecisionRecord(null, "t", null, null, "2026-12-05T04:00:00Z", null, null, "run", 1, "TOOL_CALL",
                "u", "a", List.of(), "x", null, null, args, null, "ALLOW", null, null, List.of(), List.of(), List.of(),
                null, null, 1);
    }

    @Provide
    Arbitrary<String> prevHash() {
        return Arbitraries.strings().withChars("0123456789abcdef").ofLength(64);
    }

    private static Arbitrary<String> text() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(16),
                Arbitraries.strings().withCharRange('\u0000', '\u007f').ofMaxLength(16),
                Arbitraries.of("", "ü-user", "日本語", "😀 emoji", "\ud800 lone", "lone \udc00", "\"quoted\\\"",
                        "tab\tnl\ncr\r\u0001\u001f\u007f", "</script>", "\u2028\u2029"));
    }

    private static Arbitrary<List<String>> strings() {
        return text().injectNull(0.1).list().ofMaxSize(3).injectNull(0.3);
    }

    @Provide
    Arbitrary<DecisionRecord> records() {
        Arbitrary<List<String>> fields = text().injectNull(0.3).list().ofSize(17);
        Arbitrary<List<List<String>>> lists = strings().list().ofSize(3);
        Arbitrary<DecisionRecord.PlaneEntry> plane = Combinators.combine(text().injectNull(0.3).list().ofSize(6),
                strings()).as((f, rules) -> new DecisionRecord.PlaneEntry(f.get(0), f.get(1), f.get(2), f.get(3),
                        rules, f.get(4), f.get(5)));
        Arbitrary<List<DecisionRecord.PlaneEntry>> planes = plane.injectNull(0.1).list().ofMaxSize(3).injectNull(0.3);
        Arbitrary<DecisionRecord.LabelsEntry> labels = Combinators.combine(text().injectNull(0.3), strings(),
                text().injectNull(0.3)).as(DecisionRecord.LabelsEntry::new).injectNull(0.4);
        Arbitrary<Long> seq = Arbitraries.longs().between(1, Long.MAX_VALUE).injectNull(0.3);
        Arbitrary<Tuple.Tuple3<Integer, Long, Integer>> numbers = Combinators.combine(Arbitraries.integers(),
                Arbitraries.longs(), Arbitraries.integers()).as(Tuple::of);
        return Combinators.combine(fields, lists, args(), planes, labels, labels, seq, numbers)
                .as((f, l, args, p, before, after, s, n) -> new DecisionRecord(s, f.get(0), null, null, f.get(1),
                        f.get(2), f.get(3), f.get(4), n.get1(), f.get(5), f.get(6), f.get(7), l.get(0), f.get(8),
                        f.get(9), f.get(10), args, f.get(11), f.get(12), f.get(13), f.get(14), l.get(1), l.get(2), p,
                        before, after, n.get2()));
    }

    private static Arbitrary<Map<String, Object>> args() {
        return Arbitraries.maps(text(), value(3)).ofMaxSize(5).map(m -> (Map<String, Object>) new LinkedHashMap<>(m))
                .injectNull(0.2);
    }

    private static Arbitrary<Object> value(int depth) {
        Arbitrary<Object> leaf = Arbitraries.oneOf(text().map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i), Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.shorts().map(s -> (Object) s), Arbitraries.bytes().map(b -> (Object) b),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 1e-7, 1e21,
                        Double.MIN_VALUE, Double.MAX_VALUE, 0.1 + 0.2).map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b), Arbitraries.just(null));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Object> map = Arbitraries.maps(text(), value(depth - 1)).ofMaxSize(4)
                .map(m -> (Object) new LinkedHashMap<>(m));
        Arbitrary<Object> list = value(depth - 1).list().ofMaxSize(4).map(l -> (Object) new ArrayList<>(l));
        Arbitrary<Object> set = text().set().ofMaxSize(3).map(s -> (Object) new LinkedHashSet<>(s));
        return Arbitraries.frequencyOf(Tuple.of(6, leaf), Tuple.of(2, map), Tuple.of(1, list), Tuple.of(1, set));
    }
}

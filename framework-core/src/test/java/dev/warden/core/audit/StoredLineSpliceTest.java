package dev.warden.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins what {@link CanonicalJson#lineOf} relies on: in sorted order the keys after {@code hash} start with
 * {@code labelsAfter}, {@code labelsBefore} and the primitive (always written) {@code latencyMicros}, and no
 * component from there on can hold caller-chosen keys. A new record component breaking this fails here.
 */
class StoredLineSpliceTest {

    @Test
    void the_keys_after_hash_are_fixed_and_hold_no_caller_chosen_keys() {
        List<RecordComponent> sorted = Arrays.stream(DecisionRecord.class.getRecordComponents())
                .sorted((a, b) -> a.getName().compareTo(b.getName())).toList();
        List<RecordComponent> after = sorted.stream().filter(c -> c.getName().compareTo("hash") > 0).toList();
        assertThat(after.subList(0, 3)).extracting(RecordComponent::getName)
                .containsExactly("labelsAfter", "labelsBefore", "latencyMicros");
        assertThat(after.get(2).getType()).isEqualTo(long.class);
        for (RecordComponent c : after) {
            assertThat(c.getGenericType().getTypeName()).as(c.getName()).doesNotContain("Map", "Object");
            assertThat(Map.class.isAssignableFrom(c.getType())).isFalse();
        }
    }

    @Test
    void a_record_with_trees_in_its_arguments_is_written_again_not_spliced() {
        Map<String, Object> args = Map.of("node", CanonicalJson.MAPPER.createObjectNode().put("a", 1));
        DecisionRecord r = new DecisionRecord(null, "t", null, null, "2026-12-05T04:00:00Z", null, null, "run", 1,
                "TOOL_CALL", "u", "a", List.of(), "x", null, null, args, null, "ALLOW", null, null, List.of(),
                List.of(), List.of(), null, null, 1);
        HashChain.Linked l = new HashChain().linkWithLine(r);
        assertThat(CanonicalJson.lineOf(l.record(), CanonicalJson.writeForHash(l.record()))).isNull();
        assertThat(l.line()).isEqualTo(CanonicalJson.write(l.record()));
        assertThat(HashChainVerifier.verify(List.of(l.line())).valid()).isTrue();
    }

    @Test
    void a_record_with_plain_arguments_is_spliced_into_the_same_line() {
        Map<String, Object> args = Map.of("iban", "DE89370400440532013000", "amount", 12.5, "n", 3L,
                "nested", Map.of("labelsAfter", List.of("x", true)));
        DecisionRecord r = new DecisionRecord(null, "t", null, null, "2026-12-05T04:00:00Z", null, null, "run", 1,
                "TOOL_CALL", "u", "a", List.of(), "x", null, null, args, null, "ALLOW", null, null, List.of(),
                List.of(), List.of(), null, null, 1);
        DecisionRecord linked = new HashChain().link(r);
        String spliced = CanonicalJson.lineOf(linked, CanonicalJson.writeForHash(linked));
        assertThat(spliced).isNotNull().isEqualTo(CanonicalJson.write(linked));
    }

    /** Serialises once, then throws: a value whose stored line cannot be built after its hash was. */
    public static final class FailsOnSecondWrite {
        private int writes;

        public String getValue() {
            if (writes++ > 0) {
                throw new IllegalStateException("second serialisation refused");
            }
            return "v";
        }
    }

    @Test
    void a_record_whose_line_cannot_be_built_leaves_the_chain_head_where_it_was() {
        // review finding L1: the head moved before the stored line was built, so a failure there left every later
        // record pointing at a record never written
        HashChain chain = new HashChain();
        DecisionRecord first = chain.link(record(Map.of("n", 1L)));
        DecisionRecord broken = record(Map.of("bean", new FailsOnSecondWrite()));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> chain.linkWithLine(broken))
                .isInstanceOf(RuntimeException.class);
        HashChain.Linked next = chain.linkWithLine(record(Map.of("n", 2L)));
        assertThat(next.record().seq()).isEqualTo(first.seq() + 1);
        assertThat(next.record().prevHash()).isEqualTo(first.hash());
        assertThat(HashChainVerifier.verify(List.of(CanonicalJson.write(first), next.line())).valid()).isTrue();
    }

    private static DecisionRecord record(Map<String, Object> args) {
        return new DecisionRecord(null, "t", null, null, "2026-12-05T04:00:00Z", null, null, "run", 1,
                "TOOL_CALL", "u", "a", List.of(), "x", null, null, args, null, "ALLOW", null, null, List.of(),
                List.of(), List.of(), null, null, 1);
    }
}

package dev.warden.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Confidentiality;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Integrity;
import dev.warden.core.Labels;
import dev.warden.core.Verdict;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The label algebra the plane relies on, and the monotonicity of the context label through the plane. */
class LabelPropagationProperties {
    static final DataFlowPlane PLANE = new DataFlowPlane(DataFlowConfig.builder()
            .fieldLabels("ssn", Labels.of(Confidentiality.RESTRICTED, "PII")).build());
    static final Governor GOVERNOR = Governor.builder().plane(PLANE).build();

    record Item(Checkpoint checkpoint, String content, Labels labels) {}

    @Provide
    Arbitrary<Labels> labels() {
        return Combinators.combine(Arbitraries.of(Confidentiality.class),
                Arbitraries.of("PII", "PCI", "FINANCIAL", "CREDENTIALS", "CUSTOM_X").set().ofMaxSize(3),
                Arbitraries.of(Integrity.class)).as((l, c, i) -> new Labels(l, new TreeSet<>(c), i));
    }

    @Provide
    Arbitrary<List<Item>> runs() {
        Arbitrary<String> content = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(60),
                Arbitraries.of("IBAN DE89370400440532013000", "mail ann@example.com", "{\"ssn\":\"x\"}",
                        "card 4111 1111 1111 1111", "\u0000\u0001binary", "key AKIAIOSFODNN7EXAMPLE", "nothing"));
        Arbitrary<Item> item = Combinators.combine(Arbitraries.of(Checkpoint.TOOL_RESULT, Checkpoint.RETRIEVAL,
                Checkpoint.DELEGATION_RESULT), content, labels()).as(Item::new);
        return item.list().ofMinSize(1).ofMaxSize(8);
    }

    @Property
    void join_is_commutative(@ForAll("labels") Labels a, @ForAll("labels") Labels b) {
        assertThat(a.join(b)).isEqualTo(b.join(a));
    }

    @Property
    void join_is_associative(@ForAll("labels") Labels a, @ForAll("labels") Labels b, @ForAll("labels") Labels c) {
        assertThat(a.join(b).join(c)).isEqualTo(a.join(b.join(c)));
    }

    @Property
    void join_is_idempotent(@ForAll("labels") Labels a) {
        assertThat(a.join(a)).isEqualTo(a);
    }

    @Property(tries = 200)
    void content_labels_never_fall_and_the_context_label_only_rises(@ForAll("runs") List<Item> run) {
        GovernanceContext ctx = Fixtures.context("prop-run");
        for (Item it : run) {
            CheckpointRequest req = CheckpointRequest.content(it.checkpoint(), 1, it.content(), it.labels());
            Verdict v = GOVERNOR.check(req, ctx);
            assertThat(v.proceeds()).isTrue();
            Labels effective = v.effectiveRequest().contentLabels();
            assertThat(effective.join(it.labels())).as("never below what it arrived with").isEqualTo(effective);
            GovernanceContext next = ctx.withLabelsJoined(effective);
            assertThat(next.labels().join(ctx.labels())).as("context never falls").isEqualTo(next.labels());
            ctx = next;
        }
    }
}

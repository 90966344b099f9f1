package dev.warden.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class LabelsProperties {
    @Provide
    Arbitrary<Labels> labels() {
        return Combinators.combine(Arbitraries.of(Confidentiality.class),
                Arbitraries.of("PII", "PCI", "PHI", "CREDENTIALS", "FINANCIAL").set().ofMaxSize(3),
                Arbitraries.of(Integrity.class)).as((l, c, i) -> new Labels(l, new TreeSet<>(c), i));
    }

    @Provide
    Arbitrary<List<Labels>> labelLists() {
        return labels().list().ofMaxSize(10);
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
    void join_is_idempotent_and_public_is_identity(@ForAll("labels") Labels a) {
        assertThat(a.join(a)).isEqualTo(a);
        assertThat(a.join(Labels.PUBLIC)).isEqualTo(a);
    }

    @Property
    void join_is_an_upper_bound(@ForAll("labels") Labels a, @ForAll("labels") Labels b) {
        Labels j = a.join(b);
        assertThat(j.dominates(a)).isTrue();
        assertThat(j.dominates(b)).isTrue();
    }

    @Property
    void context_label_never_falls(@ForAll("labels") Labels start, @ForAll("labelLists") List<Labels> seen) {
        GovernanceContext ctx = GovernanceContext.of(Principal.of("u"), AgentIdentity.of("a")).withLabelsJoined(start);
        for (Labels l : seen) {
            Labels before = ctx.labels();
            ctx = ctx.withLabelsJoined(l);
            assertThat(ctx.labels().dominates(before)).isTrue();
        }
    }

    @Test
    void wildcard_clearance_admits_any_category() {
        Labels pii = Labels.of(Confidentiality.RESTRICTED, "PII", "PCI");
        assertThat(Labels.UNRESTRICTED.dominates(pii)).isTrue();
        assertThat(Labels.of(Confidentiality.RESTRICTED).dominates(pii)).isFalse();
    }

    @Test
    void rejects_blank_categories() {
        assertThatThrownBy(() -> Labels.of(Confidentiality.PUBLIC, " ")).isInstanceOf(IllegalArgumentException.class);
    }
}

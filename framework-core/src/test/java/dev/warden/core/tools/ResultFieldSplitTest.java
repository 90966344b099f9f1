package dev.warden.core.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.Confidentiality;
import dev.warden.core.Decision;
import dev.warden.core.LabelPlacement;
import dev.warden.core.Labels;
import dev.warden.core.Outcome;
import dev.warden.core.PlaneDecision;
import dev.warden.core.Verdict;
import dev.warden.core.provenance.ItemLabels;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResultFieldSplitTest {
    static final Labels CONF_PII = Labels.of(Confidentiality.CONFIDENTIAL, "PII");
    static final Labels RESTRICTED_PII = Labels.of(Confidentiality.RESTRICTED, "PII");
    static final ItemLabels TAX = new ItemLabels(null, null, Set.of(), Map.of("tax_id", RESTRICTED_PII));

    static Verdict verdict(Decision... planes) {
        List<PlaneDecision> ds = new java.util.ArrayList<>();
        for (Decision d : planes) {
            ds.add(new PlaneDecision("p" + ds.size(), d, 0));
        }
        return new Verdict(Checkpoint.TOOL_RESULT, Outcome.TRANSFORM, null, null, ds, List.of(), null, null, null, 0);
    }

    static Decision.Transform raise(Labels l, LabelPlacement placement) {
        return new Decision.Transform(null, null, l, "labelled", Basis.of("data-flow"), placement);
    }

    @Test
    void a_finding_placed_in_the_field_keeps_the_residual_as_declared() {
        FieldSplit s = ResultFieldSplit.of(TAX, CONF_PII, verdict(raise(RESTRICTED_PII,
                new LabelPlacement(Map.of("tax_id", RESTRICTED_PII), Labels.PUBLIC))), RESTRICTED_PII);

        assertThat(s.residual()).isEqualTo(CONF_PII);
        assertThat(s.fields()).containsEntry("tax_id", RESTRICTED_PII);
    }

    @Test
    void a_finding_placed_outside_the_fields_raises_the_residual() {
        FieldSplit s = ResultFieldSplit.of(TAX, CONF_PII, verdict(raise(RESTRICTED_PII,
                new LabelPlacement(Map.of(), RESTRICTED_PII))), RESTRICTED_PII);

        assertThat(s.residual()).isEqualTo(RESTRICTED_PII);
    }

    @Test
    void labels_raised_without_a_place_count_for_the_residual() {
        FieldSplit s = ResultFieldSplit.of(TAX, CONF_PII, verdict(raise(RESTRICTED_PII, null)), RESTRICTED_PII);

        assertThat(s.residual()).isEqualTo(RESTRICTED_PII);
    }

    @Test
    void a_placement_that_does_not_cover_the_raised_labels_counts_as_none() {
        Labels secret = Labels.of(Confidentiality.RESTRICTED, "CREDENTIALS");
        FieldSplit s = ResultFieldSplit.of(TAX, CONF_PII, verdict(raise(secret,
                new LabelPlacement(Map.of("tax_id", RESTRICTED_PII), Labels.PUBLIC))), RESTRICTED_PII.join(secret));

        assertThat(s.residual().categories()).contains("CREDENTIALS");
        assertThat(s.residual().level()).isEqualTo(Confidentiality.RESTRICTED);
    }

    @Test
    void fields_placed_by_a_plane_join_the_declared_ones() {
        FieldSplit s = ResultFieldSplit.of(null, Labels.PUBLIC, verdict(raise(RESTRICTED_PII,
                new LabelPlacement(Map.of("personal_data", RESTRICTED_PII), Labels.PUBLIC))), RESTRICTED_PII);

        assertThat(s.fields()).containsOnlyKeys("personal_data");
        assertThat(s.residual()).isEqualTo(Labels.PUBLIC);
    }

    @Test
    void no_split_when_a_plane_replaced_the_text_or_there_is_no_field() {
        Decision.Transform replaced = new Decision.Transform(null, "other text", null, "redacted", Basis.of("x"));
        assertThat(ResultFieldSplit.of(TAX, CONF_PII, verdict(replaced), RESTRICTED_PII)).isNull();
        assertThat(ResultFieldSplit.of(null, CONF_PII, verdict(raise(RESTRICTED_PII, null)), RESTRICTED_PII))
                .isNull();
    }

    @Test
    void no_split_when_the_delivered_labels_are_not_accounted_for() {
        assertThat(ResultFieldSplit.of(TAX, CONF_PII, verdict(), Labels.of(Confidentiality.RESTRICTED, "PCI")))
                .isNull();
    }
}

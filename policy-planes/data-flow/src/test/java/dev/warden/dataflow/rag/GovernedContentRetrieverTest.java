package dev.warden.dataflow.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Confidentiality;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.TaskContext;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.dataflow.DataFlowCodes;
import dev.warden.dataflow.DataFlowPlane;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GovernedContentRetrieverTest {
    final InMemoryAuditSink audit = new InMemoryAuditSink();
    final Governor governor = Governor.builder().plane(new DataFlowPlane()).auditSink(audit).build();
    final List<RetrievalReport> reports = new ArrayList<>();
    final List<Labels> raised = new ArrayList<>();

    static TextSegment segment(String text, Map<String, Object> metadata) {
        return TextSegment.from(text, Metadata.from(metadata));
    }

    static GovernanceContext contextWithClearance(String level) {
        Principal p = new Principal("alice", null, Set.of(), level == null ? Map.of()
                : Map.of(GovernedContentRetriever.CLEARANCE_ATTRIBUTE, level));
        return GovernanceContext.of(p, AgentIdentity.of("rag-agent")).withTask(TaskContext.of("rag-run"));
    }

    List<Content> retrieve(GovernanceContext ctx, TextSegment... segments) {
        ContentRetriever store = q -> java.util.Arrays.stream(segments).map(Content::from).toList();
        return GovernedContentRetriever.builder().delegate(store).governor(governor).context(q -> ctx)
                .defaultClearance(Labels.of(Confidentiality.INTERNAL)).source("handbook")
                .onSegment(reports::add).onLabels(raised::add).build().retrieve(Query.from("vacation policy"));
    }

    @Test
    void segments_above_the_user_clearance_never_reach_the_model_and_are_audited() {
        List<Content> kept = retrieve(contextWithClearance("INTERNAL"),
                segment("Vacation is 25 days.", Map.of(SegmentLabels.CONFIDENTIALITY, "INTERNAL",
                        SegmentLabels.INTEGRITY, "TRUSTED")),
                segment("Salary bands for 2027 ...", Map.of(SegmentLabels.CONFIDENTIALITY, "RESTRICTED",
                        SegmentLabels.CATEGORIES, "HR,PII")));
        assertThat(kept).extracting(c -> c.textSegment().text()).containsExactly("Vacation is 25 days.");
        assertThat(kept.get(0).textSegment().metadata().getString(GovernedContentRetriever.LABELS_METADATA))
                .isEqualTo("INTERNAL/TRUSTED");
        assertThat(reports).extracting(RetrievalReport::kept).containsExactly(true, false);
        assertThat(reports.get(1).code()).isEqualTo(DataFlowCodes.SEGMENT_ABOVE_CLEARANCE);
        assertThat(audit.records()).anySatisfy(r -> assertThat(r.toString())
                .contains(DataFlowCodes.SEGMENT_ABOVE_CLEARANCE));
        assertThat(raised).hasSize(1);
    }

    @Test
    void detector_findings_raise_a_segment_above_clearance() {
        List<Content> kept = retrieve(contextWithClearance("INTERNAL"),
                segment("Contact the lead at ann@example.com", Map.of(SegmentLabels.CONFIDENTIALITY, "PUBLIC")));
        assertThat(kept).isEmpty();
        assertThat(reports.get(0).labels().categories()).contains("PII");
    }

    @Test
    void malformed_label_metadata_gets_the_most_restrictive_label_and_is_reported() {
        List<Content> kept = retrieve(contextWithClearance("RESTRICTED"),
                segment("text a", Map.of(SegmentLabels.CONFIDENTIALITY, "TOP_SECRET")),
                segment("text b", Map.of(SegmentLabels.CATEGORIES, "PII; DROP TABLE")),
                segment("text c", Map.of(SegmentLabels.INTEGRITY, 7)));
        assertThat(kept).hasSize(3);
        assertThat(reports).allSatisfy(r -> {
            assertThat(r.code()).isEqualTo(DataFlowCodes.MALFORMED_LABEL_METADATA);
            assertThat(r.labels()).isEqualTo(SegmentLabels.MOST_RESTRICTIVE);
        });
        List<Content> strict = retrieve(contextWithClearance("CONFIDENTIAL"),
                segment("text a", Map.of(SegmentLabels.CONFIDENTIALITY, "TOP_SECRET")));
        assertThat(strict).as("most restrictive is above a CONFIDENTIAL clearance").isEmpty();
    }

    @Test
    void segments_without_metadata_are_untrusted_and_the_default_clearance_applies() {
        List<Content> kept = retrieve(contextWithClearance(null), segment("plain text", Map.of()),
                segment("internal memo", Map.of(SegmentLabels.CONFIDENTIALITY, "CONFIDENTIAL")));
        assertThat(kept).hasSize(1);
        assertThat(reports.get(0).labels().isUntrusted()).isTrue();
    }

    @Test
    void a_retrieval_without_a_context_fails_instead_of_returning_content() {
        ContentRetriever store = q -> List.of(Content.from("secret"));
        GovernedContentRetriever r = GovernedContentRetriever.builder().delegate(store).governor(governor)
                .context(q -> null).build();
        assertThatThrownBy(() -> r.retrieve(Query.from("x"))).isInstanceOf(IllegalStateException.class);
    }
}

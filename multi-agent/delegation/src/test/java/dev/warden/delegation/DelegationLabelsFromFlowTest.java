package dev.warden.delegation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.warden.core.Confidentiality;
import dev.warden.core.Effect;
import dev.warden.core.Governor;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.agent.RunResult;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.core.tools.ToolGovernance;
import dev.warden.dataflow.DataFlowConfig;
import dev.warden.dataflow.DataFlowPlane;
import dev.warden.dataflow.ModelClearances;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Labels across a delegation from what flows (decision 0029): the researcher reads a finding whose
 * {@code personal_data} field is RESTRICTED/PII and value-scoped; its answer repeats the remark. The supervisor may
 * then hand the writer a summary without the remark (the writer starts at the labels of that task and mails it), but
 * a task carrying the remark — as given, re-spaced, re-cased — still reaches the writer RESTRICTED and is not mailed.
 */
class DelegationLabelsFromFlowTest {
    static final String REMARK = ResearchBriefFixture.REMARK;
    final InMemoryAuditSink supervisorAudit = new InMemoryAuditSink();
    final InMemoryAuditSink writerAudit = new InMemoryAuditSink();
    final TeamTools.Mailer mailer = new TeamTools.Mailer();

    /** The knowledge base: two public findings and one with personal data. */
    public static final class KnowledgeBase {
        @Tool(name = "search_sources", value = "Searches the knowledge base")
        @ToolGovernance(effects = Effect.READ)
        public String searchSources(@P("topic") String topic) {
            return "{\"topic\":\"" + topic + "\",\"findings\":[{\"summary\":\"atlas is covered by two public reviews\"},"
                    + "{\"summary\":\"interest grew in 2025\"},{\"summary\":\"the lead is unavailable\","
                    + "\"personal_data\":\"" + REMARK + "\"}]}";
        }
    }

    static Governor.Builder governed(InMemoryAuditSink sink, boolean valueScoped) {
        dev.warden.dataflow.DataFlowConfigBuilder cfg = DataFlowConfig.builder()
                .fieldLabels("personal_data", Labels.of(Confidentiality.RESTRICTED, "PII"));
        if (valueScoped) {
            cfg.valueScopedFields("personal_data");
        }
        Governor.Builder b = Governor.builder().plane(new DataFlowPlane(cfg.build(),
                ModelClearances.builder().defaultClearance(Labels.UNRESTRICTED).build()));
        return sink == null ? b : b.auditSink(sink);
    }

    /** Whether the researcher answers with the raw search result (JSON) instead of notes. */
    boolean rawAnswer;

    /** @param handOver what the supervisor's model hands the writer, from the researcher's notes */
    RunResult brief(boolean valueScoped, java.util.function.UnaryOperator<String> handOver) {
        GovernedAgent researcher = ResearchBriefFixture.researcher(new KnowledgeBase(),
                governed(null, valueScoped).build(), rs -> rawAnswer ? "Research notes: " + rs.get(0).text()
                        : "Research notes: atlas is covered by two public reviews; interest grew in 2025; HR: "
                        + REMARK);
        GovernedAgent writer = ResearchBriefFixture.writer(mailer, governed(writerAudit, valueScoped).build());
        GovernedAgent supervisor = ResearchBriefFixture.supervisor(researcher, writer,
                governed(supervisorAudit, valueScoped), handOver);
        return supervisor.runBlocking("brief bob about atlas without personal data", Principal.of("alice", "analyst"));
    }

    static String withoutRemark(String notes) {
        return ResearchBriefFixture.withoutRemark(notes);
    }

    @Test
    void a_summary_without_the_restricted_remark_is_mailed_after_the_researcher_returned_it() {
        RunResult r = brief(true, DelegationLabelsFromFlowTest::withoutRemark);

        assertThat(mailer.sent).singleElement().asString()
                .isEqualTo("bob@example.com: Research notes: atlas is covered by two public reviews; interest grew in 2025");
        // the supervisor's model saw the remark: its context is RESTRICTED; the writer started at its task's labels
        assertThat(r.context().labels().level()).isEqualTo(Confidentiality.RESTRICTED);
        DecisionRecord first = writerAudit.records().get(0);
        assertThat(first.checkpoint()).isEqualTo("MODEL_REQUEST");
        assertThat(first.labelsBefore().level()).isNotEqualTo("RESTRICTED");
    }

    @Test
    void a_raw_record_answer_keeps_only_its_personal_data_value_scoped_at_the_caller() {
        rawAnswer = true;
        brief(true, notes -> "Research notes: atlas is covered by two public reviews");

        assertThat(mailer.sent).as("the record's other fields do not make the summary RESTRICTED").singleElement()
                .asString().endsWith("atlas is covered by two public reviews");
    }

    @Test
    void the_remark_handed_on_by_the_supervisor_still_reaches_the_writer_restricted_and_is_not_mailed() {
        brief(true, notes -> notes);

        assertThat(mailer.sent).isEmpty();
        assertThat(writerAudit.records().get(0).labelsBefore().level()).isEqualTo("RESTRICTED");
        assertThat(writerAudit.records()).filteredOn(d -> "send_email".equals(d.tool())
                && "TOOL_CALL".equals(d.checkpoint())).extracting(DecisionRecord::outcome).containsExactly("DENY");
    }

    @Test
    void the_remark_retyped_in_other_case_and_spacing_is_still_not_mailed() {
        brief(true, notes -> withoutRemark(notes) + ". PS: JANE   ROE is on Medical-Leave until march");

        assertThat(mailer.sent).isEmpty();
        assertThat(writerAudit.records().get(0).labelsBefore().level()).isEqualTo("RESTRICTED");
    }

    @Test
    void without_value_scoping_the_writer_starts_at_everything_the_supervisor_saw() {
        brief(false, DelegationLabelsFromFlowTest::withoutRemark);

        assertThat(mailer.sent).as("free text kept whole-run: the coarse, safe default").isEmpty();
        assertThat(writerAudit.records().get(0).labelsBefore().level()).isEqualTo("RESTRICTED");
    }

    @Test
    void the_callee_answer_carries_the_remark_as_a_value_with_its_labels() {
        brief(true, DelegationLabelsFromFlowTest::withoutRemark);

        DecisionRecord back = supervisorAudit.records().stream()
                .filter(d -> d.checkpoint().equals("DELEGATION_RESULT"))
                .findFirst().orElseThrow();
        assertThat(back.labelsAfter().level()).as("the caller's context still joins what the answer holds")
                .isEqualTo("RESTRICTED");
        assertThat(back.labelsAfter().categories()).contains("PII");
    }
}

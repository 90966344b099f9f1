package dev.warden.delegation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.warden.core.Confidentiality;
import dev.warden.core.Declassification;
import dev.warden.core.Effect;
import dev.warden.core.Governor;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.agent.ApprovalException;
import dev.warden.core.agent.ConfirmationResolution;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.agent.PendingApproval;
import dev.warden.core.agent.RunResult;
import dev.warden.core.agent.RunStatus;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.core.tools.ToolGovernance;
import dev.warden.dataflow.DataFlowConfig;
import dev.warden.dataflow.DataFlowPlane;
import dev.warden.dataflow.ModelClearances;
import dev.warden.spi.DeclassificationPolicy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Declassification by the requester across a delegation (decision 0039): the researcher's RESTRICTED remark keeps
 * the whole run RESTRICTED, so the writer's mail of a summary is above its clearance. Policy lets the requester
 * declassify it: the writer's call waits, the supervisor's run shows exactly that call to the user, and only the
 * user's confirmation of exactly those arguments sends it — once.
 */
class DeclassificationAcrossDelegationTest {
    static final String REMARK = ResearchBriefFixture.REMARK;
    static final String SUMMARY = "Research notes: atlas is covered by two public reviews";
    static final DeclassificationPolicy MAIL_MAY_BE_DECLASSIFIED = (req, ctx) -> "send_email".equals(req.toolName())
            ? List.of(new Declassification.Grant("requester-declassifies-mail", Set.of("PII"),
                    Confidentiality.RESTRICTED, null, "the requester reads what leaves"))
            : List.of();
    final InMemoryAuditSink supervisorAudit = new InMemoryAuditSink();
    final InMemoryAuditSink writerAudit = new InMemoryAuditSink();
    final TeamTools.Mailer mailer = new TeamTools.Mailer();
    GovernedAgent supervisor;
    GovernedAgent writer;

    public static final class KnowledgeBase {
        @Tool(name = "search_sources", value = "Searches the knowledge base")
        @ToolGovernance(effects = Effect.READ)
        public String searchSources(@P("topic") String topic) {
            return "{\"findings\":[{\"summary\":\"atlas is covered by two public reviews\"},"
                    + "{\"summary\":\"the lead is unavailable\",\"personal_data\":\"" + REMARK + "\"}]}";
        }
    }

    static Governor.Builder governed(InMemoryAuditSink sink, DeclassificationPolicy grants) {
        DataFlowConfig cfg = DataFlowConfig.builder()
                .fieldLabels("personal_data", Labels.of(Confidentiality.RESTRICTED, "PII")).build();
        Governor.Builder b = Governor.builder().plane(new DataFlowPlane(cfg,
                ModelClearances.builder().defaultClearance(Labels.UNRESTRICTED).build(), grants));
        return sink == null ? b : b.auditSink(sink);
    }

    RunResult brief(Principal user, DeclassificationPolicy grants) {
        GovernedAgent researcher = ResearchBriefFixture.researcher(new KnowledgeBase(), governed(null, grants).build(),
                rs -> SUMMARY + "; HR: " + REMARK);
        writer = ResearchBriefFixture.writer(mailer, governed(writerAudit, grants).build());
        supervisor = ResearchBriefFixture.supervisor(researcher, writer, governed(supervisorAudit, grants),
                ResearchBriefFixture::withoutRemark);
        return supervisor.runBlocking("brief bob about atlas without personal data", user);
    }

    static Principal alice() {
        return Declassification.attend(Principal.of("alice", "analyst"));
    }

    @Test
    void the_supervisors_run_shows_the_writers_exact_call_and_confirming_it_sends_exactly_that_once() {
        RunResult r = brief(alice(), MAIL_MAY_BE_DECLASSIFIED);

        assertThat(mailer.sent).as("nothing leaves before the requester confirms").isEmpty();
        assertThat(r.status()).isEqualTo(RunStatus.AWAITING_CONFIRMATION);
        PendingApproval shown = r.approval();
        assertThat(shown.agentId()).isEqualTo("supervisor");
        assertThat(shown.toolName()).isEqualTo("send_email");
        assertThat(shown.arguments()).containsEntry("body", SUMMARY).containsEntry("to", "bob@example.com");
        assertThat(shown.relay().calleeAgentId()).isEqualTo("writer");
        assertThat(shown.declassification().from().level()).isEqualTo(Confidentiality.RESTRICTED);
        assertThat(shown.declassification().to().level()).isEqualTo(Confidentiality.CONFIDENTIAL);

        RunResult done = supervisor.confirmBlocking(shown.approvalId(),
                ConfirmationResolution.confirm(alice(), shown.argumentsDigest()));

        assertThat(mailer.sent).containsExactly("bob@example.com: " + SUMMARY);
        assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
        DecisionRecord declassified = writerAudit.records().stream().filter(d -> "send_email".equals(d.tool())
                && "ALLOW".equals(d.outcome()) && "TOOL_CALL".equals(d.checkpoint())).findFirst().orElseThrow();
        assertThat(declassified.code()).isEqualTo(Declassification.DECLASSIFIED);
        assertThat(declassified.reason()).contains("declassified by alice").contains("RESTRICTED[PII]")
                .contains("CONFIDENTIAL").contains(shown.argumentsDigest());
        assertThat(declassified.ruleIds()).contains("requester-declassifies-mail");
        assertThatThrownBy(() -> supervisor.confirmBlocking(shown.approvalId(),
                ConfirmationResolution.confirm(alice(), shown.argumentsDigest())))
                .isInstanceOf(ApprovalException.class).hasMessageContaining("already");
        assertThat(mailer.sent).as("exactly once").hasSize(1);
    }

    @Test
    void a_writer_whose_mail_also_needs_an_approver_sends_nothing_on_the_requesters_relayed_answer_alone() {
        // decision 0040: the writer's mail needs a manager's approval too; the requester is asked first (relayed)
        var approval = dev.warden.core.testing.TestPlanes.of("action-boundary", 200,
                java.util.EnumSet.of(dev.warden.core.Checkpoint.TOOL_CALL),
                (req, ctx) -> "send_email".equals(req.toolName())
                        ? dev.warden.core.Decision.requireApproval("mail needs a manager", Set.of("manager"),
                                java.time.Duration.ofHours(1), dev.warden.core.Basis.rule("action-boundary", "team",
                                        "1", "mail-needs-approval"))
                        : dev.warden.core.Decision.allow("action-boundary"));
        GovernedAgent researcher = ResearchBriefFixture.researcher(new KnowledgeBase(),
                governed(null, MAIL_MAY_BE_DECLASSIFIED).build(), rs -> SUMMARY + "; HR: " + REMARK);
        writer = ResearchBriefFixture.writer(mailer, governed(writerAudit, MAIL_MAY_BE_DECLASSIFIED)
                .plane(approval).build());
        supervisor = ResearchBriefFixture.supervisor(researcher, writer, governed(supervisorAudit,
                MAIL_MAY_BE_DECLASSIFIED), ResearchBriefFixture::withoutRemark);
        RunResult r = supervisor.runBlocking("brief bob about atlas without personal data", alice());
        assertThat(r.status()).isEqualTo(RunStatus.AWAITING_CONFIRMATION);
        assertThat(r.approval().relay().calleeAgentId()).isEqualTo("writer");

        RunResult answered = supervisor.confirmBlocking(r.approval().approvalId(),
                ConfirmationResolution.confirm(alice(), r.approval().argumentsDigest()));

        assertThat(mailer.sent).as("the writer now waits for its approver; nothing is sent").isEmpty();
        assertThat(answered.status()).isNotEqualTo(RunStatus.AWAITING_CONFIRMATION);
        assertThat(writer.store().pending(null)).singleElement().satisfies(p -> {
            assertThat(p.isConfirmation()).isFalse();
            assertThat(p.approverRoles()).containsExactly("manager");
            assertThat(p.declassification()).isNotNull();
        });
        assertThat(writerAudit.records()).filteredOn(d -> "send_email".equals(d.tool())
                && "TOOL_CALL".equals(d.checkpoint())).extracting(DecisionRecord::outcome)
                .containsExactly("REQUIRE_APPROVAL", "REQUIRE_APPROVAL");
    }

    @Test
    void a_confirmation_quoting_other_arguments_is_refused_and_nothing_is_sent() {
        RunResult r = brief(alice(), MAIL_MAY_BE_DECLASSIFIED);
        String other = PendingApproval.digestOf(Map.of("to", "bob@example.com", "body", SUMMARY + "; HR: " + REMARK));

        assertThatThrownBy(() -> supervisor.confirmBlocking(r.approval().approvalId(),
                ConfirmationResolution.confirm(alice(), other)))
                .isInstanceOfSatisfying(ApprovalException.class,
                        e -> assertThat(e.code()).isEqualTo(ApprovalException.ARGUMENTS_CHANGED));
        assertThat(mailer.sent).isEmpty();
        assertThatThrownBy(() -> supervisor.confirmBlocking(r.approval().approvalId(),
                ConfirmationResolution.confirm(Declassification.attend(Principal.of("mallory", "analyst")),
                        r.approval().argumentsDigest())))
                .isInstanceOfSatisfying(ApprovalException.class,
                        e -> assertThat(e.code()).isEqualTo(ApprovalException.NOT_REQUESTER));
        assertThat(mailer.sent).isEmpty();
    }

    @Test
    void with_nobody_to_confirm_the_summary_is_refused_and_nothing_waits() {
        RunResult r = brief(Principal.of("alice", "analyst"), MAIL_MAY_BE_DECLASSIFIED);

        assertThat(mailer.sent).isEmpty();
        assertThat(r.status()).isNotEqualTo(RunStatus.AWAITING_CONFIRMATION);
        assertThat(writerAudit.records()).filteredOn(d -> "send_email".equals(d.tool())
                && "TOOL_CALL".equals(d.checkpoint())).extracting(DecisionRecord::code)
                .containsExactly(Declassification.NOBODY_TO_CONFIRM);
    }

    @Test
    void without_a_declassify_grant_the_summary_is_refused_as_before() {
        RunResult r = brief(alice(), DeclassificationPolicy.NONE);

        assertThat(mailer.sent).isEmpty();
        assertThat(r.status()).isNotEqualTo(RunStatus.AWAITING_CONFIRMATION);
        assertThat(writerAudit.records()).filteredOn(d -> "send_email".equals(d.tool())
                && "TOOL_CALL".equals(d.checkpoint())).extracting(DecisionRecord::code)
                .containsExactly("WARDEN-DF-0001");
    }
}

package dev.warden.redteam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.action.ActionBoundaryPlane;
import dev.warden.action.InMemoryBudgetStore;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Confidentiality;
import dev.warden.core.Declassification;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.agent.ApprovalException;
import dev.warden.core.agent.ApprovalResolution;
import dev.warden.core.agent.ConfirmationResolution;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.agent.PendingApproval;
import dev.warden.core.agent.RunResult;
import dev.warden.core.agent.RunStatus;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.dataflow.DataFlowConfig;
import dev.warden.dataflow.DataFlowPlane;
import dev.warden.dataflow.ModelClearances;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicySource;
import dev.warden.samples.research.Writer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The research team's shipped policy (its {@code requester-may-declassify-a-blog-post} grant) plus a rule a deployer
 * could well add — every blog post needs an editor's approval — over the real action-boundary and data-flow planes
 * and the real governed loop (decision 0040). The writer's run holds the researcher's RESTRICTED/PII remark, so its
 * summary is above {@code publish}'s clearance: an editor's approval must never release it without the requester's
 * declassification.
 */
class ApprovalNeverDeclassifiesTest {
    static final String SUMMARY = "Project Atlas is covered by two public reviews";
    static final Principal ALICE = Declassification.attend(Principal.of("alice", "analyst"));
    static final Principal EDITOR = Principal.of("erin", "editor");
    final InMemoryAuditSink audit = new InMemoryAuditSink();
    final Writer writer = new Writer();

    GovernedAgent writerAgent() {
        PolicyEngine engine = PolicyEngine.builder().build();
        engine.load(PolicySource.classpath(TeamGovernance.POLICY), new PolicySource("editorial", """
                apiVersion: warden.dev/v1
                kind: PolicySet
                metadata: { name: editorial, version: 1 }
                rules:
                  - id: every-post-needs-an-editor
                    plane: action-boundary
                    on: [TOOL_CALL]
                    when: tool.name == "publish"
                    decision: require_approval
                    approvers: [editor]
                    ttl: 4h
                """));
        Governor governor = Governor.builder()
                .plane(ActionBoundaryPlane.builder().engine(engine)
                        .budgetStore(new InMemoryBudgetStore(Clock.systemUTC())).build())
                .plane(new DataFlowPlane(DataFlowConfig.builder()
                        .fieldLabels("personal_data", Labels.of(Confidentiality.RESTRICTED, "PII")).build(),
                        ModelClearances.builder().defaultClearance(Labels.UNRESTRICTED).build(),
                        engine.declassificationPolicy()))
                .auditSink(audit).build();
        return GovernedAgent.builder().identity(AgentIdentity.of("writer"))
                .model(ScriptedChatModel.script()
                        .callTools(ScriptedChatModel.call("publish", Map.of("text", SUMMARY)))
                        .reply("Published").build())
                .tools(writer).governor(governor).build();
    }

    /** The writer's task came from a run that saw the HR remark: it starts RESTRICTED/PII, trusted. */
    RunResult publishSummary(GovernedAgent agent) {
        GovernanceContext ctx = GovernanceContext.of(ALICE, agent.identity())
                .withLabelsJoined(Labels.of(Confidentiality.RESTRICTED, "PII"));
        return agent.runBlocking("Publish a summary of Project Atlas without personal data", ctx);
    }

    @Test
    void approval_never_releases_a_declassification() {
        GovernedAgent agent = writerAgent();
        RunResult r = publishSummary(agent);

        assertThat(r.status()).isEqualTo(RunStatus.AWAITING_CONFIRMATION);
        assertThat(r.approval().declassification()).isNotNull();
        assertThatThrownBy(() -> agent.resumeBlocking(r.approval().approvalId(),
                ApprovalResolution.approve(EDITOR, "fine by me")))
                .isInstanceOfSatisfying(ApprovalException.class,
                        e -> assertThat(e.code()).isEqualTo(ApprovalException.WRONG_KIND));
        assertThat(agent.store().pending(null)).noneMatch(p -> !p.isConfirmation());
        assertThat(writer.published()).isEmpty();
    }

    @Test
    void the_requesters_declassification_and_the_editors_approval_together_publish_it_once() {
        GovernedAgent agent = writerAgent();
        PendingApproval asked = publishSummary(agent).approval();

        RunResult confirmed = agent.confirmBlocking(asked.approvalId(),
                ConfirmationResolution.confirm(ALICE, asked.argumentsDigest()));
        assertThat(writer.published()).isEmpty();
        assertThat(confirmed.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
        assertThat(confirmed.approval().approverRoles()).containsExactly("editor");

        RunResult done = agent.resumeBlocking(confirmed.approval().approvalId(),
                ApprovalResolution.approve(EDITOR, "ok"));

        assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(writer.published()).containsExactly(SUMMARY);
        List<DecisionRecord> calls = audit.records().stream()
                .filter(d -> "publish".equals(d.tool()) && "TOOL_CALL".equals(d.checkpoint())).toList();
        assertThat(calls).extracting(DecisionRecord::outcome)
                .containsExactly("REQUIRE_APPROVAL", "REQUIRE_APPROVAL", "ALLOW");
        assertThat(calls.get(0).ruleIds()).contains("every-post-needs-an-editor",
                "requester-may-declassify-a-blog-post");
        assertThat(calls.get(1).code()).isEqualTo(Declassification.DECLASSIFIED);
        assertThat(calls.get(1).reason()).contains("declassified by alice");
        assertThat(calls.get(2).code()).isEqualTo(Declassification.DECLASSIFIED);
        assertThat(calls.get(2).reason()).contains("approved by erin");
    }
}

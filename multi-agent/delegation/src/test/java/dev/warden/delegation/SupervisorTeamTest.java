package dev.warden.delegation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Checkpoint;
import dev.warden.core.Confidentiality;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.agent.RunResult;
import dev.warden.core.agent.RunStatus;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.core.tools.ToolRegistry;
import dev.warden.dataflow.DataFlowCodes;
import dev.warden.dataflow.DataFlowConfig;
import dev.warden.dataflow.DataFlowPlane;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * In-process supervisor with a researcher and a writer, each under its own governor with the real data-flow plane: a
 * RESTRICTED label entering through the researcher's tool is still on the writer's context when it tries to mail the
 * findings out, and the egress is denied.
 */
class SupervisorTeamTest {
    final InMemoryAuditSink supervisorAudit = new InMemoryAuditSink();
    final InMemoryAuditSink researcherAudit = new InMemoryAuditSink();
    final InMemoryAuditSink writerAudit = new InMemoryAuditSink();
    final TeamTools.Mailer mailer = new TeamTools.Mailer();

    static Governor.Builder governed(InMemoryAuditSink sink) {
        // the scripted models run in-process (local): cleared for anything, so this test sees label propagation
        // alone; what a model may be sent is ModelSinkScenarioTest's subject
        return Governor.builder().plane(new DataFlowPlane(DataFlowConfig.builder().build(),
                dev.warden.dataflow.ModelClearances.builder().defaultClearance(dev.warden.core.Labels.UNRESTRICTED)
                        .build())).auditSink(sink);
    }

    GovernedAgent team(Object dossier) {
        GovernedAgent researcher = GovernedAgent.builder().id("researcher")
                .model(ScriptedChatModel.rules()
                        .whenUser("about (\\w+)", m -> List.of(ScriptedChatModel.call("lookup_dossier",
                                Map.of("subject", m.group(1)))))
                        .finalAnswer(rs -> rs.get(0).text()).build())
                .tools(dossier).governor(governed(researcherAudit).build()).build();
        GovernedAgent writer = GovernedAgent.builder().id("writer")
                .model(ScriptedChatModel.rules()
                        .whenUser("mail (\\S+@\\S+) (.*)", m -> List.of(ScriptedChatModel.call("send_email",
                                Map.of("to", m.group(1), "body", m.group(2)))))
                        .build())
                .tools(mailer).governor(governed(writerAudit).build()).build();
        AgentDirectory dir = AgentDirectory.builder()
                .agent(new AgentCard("supervisor", "1", "research-team", "routes work", "scripted", List.of(),
                        List.of(), List.of(TrustEdge.of("supervisor", "researcher"),
                                TrustEdge.of("supervisor", "writer")), null))
                .agent(AgentCard.of(researcher, "finds facts about people", "scripted", List.of(), List.of()))
                .agent(AgentCard.of(writer, "writes and mails memos", "scripted", List.of(), List.of()))
                .build();
        Delegator delegator = new Delegator(dir, Map.of("researcher", new LocalAgentEndpoint(researcher),
                "writer", new LocalAgentEndpoint(writer)), DelegationLimits.DEFAULT);
        DelegateTool delegate = new DelegateTool(delegator, List.of("researcher", "writer"));
        Governor supervisorGovernor = delegate.wire(governed(supervisorAudit)).build();
        return GovernedAgent.builder().id("supervisor")
                .model(ScriptedChatModel.rules()
                        .whenUser("brief (\\S+@\\S+) about (\\w+)", m -> List.of(ScriptedChatModel.call("delegate",
                                Map.of("agent", "researcher", "task", "Find facts about " + m.group(2)))))
                        .whenToolResult("(FINDINGS: .*)", m -> List.of(ScriptedChatModel.call("delegate",
                                Map.of("agent", "writer", "task", "mail bob@example.com " + m.group(1)))))
                        .build())
                .tools(delegate.register(ToolRegistry.builder(), supervisorGovernor).build())
                .governor(supervisorGovernor).build();
    }

    RunResult brief(Object dossier) {
        return team(dossier).runBlocking("brief bob@example.com about Mallory", Principal.of("alice", "analyst"));
    }

    @Test
    void restricted_label_from_researcher_reaches_writer_and_egress_is_denied() {
        RunResult r = brief(new TeamTools.RestrictedDossier());

        assertThat(mailer.sent).as("nothing left through the mailer").isEmpty();
        DecisionRecord denied = writerAudit.records().stream()
                .filter(d -> d.checkpoint().equals("TOOL_CALL") && "send_email".equals(d.tool())).findFirst()
                .orElseThrow();
        assertThat(denied.outcome()).isEqualTo("DENY");
        assertThat(denied.code()).isEqualTo(DataFlowCodes.EGRESS_ABOVE_CLEARANCE);
        assertThat(denied.reason()).contains("RESTRICTED");
        assertThat(denied.labelsBefore().level()).isEqualTo("RESTRICTED");
        assertThat(denied.labelsBefore().categories()).contains("PII");
        assertThat(denied.chain()).containsExactly("supervisor");
        assertThat(denied.userId()).as("same principal at the callee").isEqualTo("alice");

        // the label came back to the supervisor through DELEGATION_RESULT and stayed on its context
        DecisionRecord back = supervisorAudit.records().stream()
                .filter(d -> d.checkpoint().equals(Checkpoint.DELEGATION_RESULT.name())).findFirst().orElseThrow();
        assertThat(back.labelsAfter().level()).isEqualTo("RESTRICTED");
        assertThat(r.context().labels().level()).isEqualTo(Confidentiality.RESTRICTED);
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(supervisorAudit.records()).filteredOn(d -> d.checkpoint().equals("DELEGATION"))
                .extracting(DecisionRecord::outcome).containsExactly("ALLOW", "ALLOW");
        assertThat(supervisorAudit.verify().valid()).isTrue();
        assertThat(writerAudit.verify().valid()).isTrue();
    }

    @Test
    void public_findings_are_mailed_negative_control() {
        RunResult r = brief(new TeamTools.PublicDossier());

        assertThat(mailer.sent).singleElement().asString().startsWith("bob@example.com: FINDINGS: Mallory");
        assertThat(r.context().labels().level()).as("the mailed address is PII, nothing restricted").isEqualTo(
                Confidentiality.CONFIDENTIAL);
    }

    @Test
    void callee_context_starts_at_callers_label_never_lower() {
        brief(new TeamTools.RestrictedDossier());
        DecisionRecord first = writerAudit.records().get(0);
        assertThat(first.checkpoint()).isEqualTo("MODEL_REQUEST");
        assertThat(first.labelsBefore().level()).isEqualTo("RESTRICTED");
        assertThat(researcherAudit.records().get(0).labelsBefore().level()).isEqualTo("PUBLIC");
    }
}

package dev.warden.delegation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.Confidentiality;
import dev.warden.core.Decision;
import dev.warden.core.Governor;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.agent.ApprovalOutcome;
import dev.warden.core.agent.ConfirmationResolution;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.agent.PendingApproval;
import dev.warden.core.agent.RunResult;
import dev.warden.core.agent.RunStatus;
import dev.warden.core.testing.TestPlanes;
import dev.warden.core.tools.ToolGovernance;
import dev.warden.core.tools.ToolRegistry;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.spi.ApprovalObserver;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A delegated callee's confirmation, relayed through its caller's run (decision 0039), is an entry of the caller's
 * like any other for those who observe approvals (notifications, inboxes): it is reported requested once, when the
 * caller's run suspends, and it carries the labels of the callee's run at the call — what the callee's arguments can
 * hold, which a notice's redaction is decided on — not the caller's.
 */
class RelayedConfirmationEventsTest {
    static final Principal ALICE = Principal.of("alice", "analyst");
    final List<PendingApproval> requested = new CopyOnWriteArrayList<>();
    final List<String> resolved = new CopyOnWriteArrayList<>();
    final TeamTools.Mailer mailer = new TeamTools.Mailer();
    GovernedAgent supervisor;
    GovernedAgent writer;

    /** The writer's own lookup: the supervisor never sees what it returns. */
    public static final class Contacts {
        @Tool(name = "lookup_contact", value = "Finds a contact's details")
        @ToolGovernance(sourceLevel = Confidentiality.RESTRICTED, sourceCategories = "PII")
        public String lookupContact(@P("name") String name) {
            return "bob@example.com, on medical leave until March";
        }
    }

    ApprovalObserver supervisorObserver() {
        return new ApprovalObserver() {
            @Override
            public void requested(PendingApproval a) {
                requested.add(a);
            }

            @Override
            public void resolved(PendingApproval a, ApprovalOutcome o) {
                resolved.add(a.approvalId() + " " + o.status());
            }
        };
    }

    RunResult mailThroughTheWriter() {
        var mailNeedsConfirmation = TestPlanes.of("action-boundary", 200, EnumSet.of(Checkpoint.TOOL_CALL),
                (req, ctx) -> "send_email".equals(req.toolName())
                        ? Decision.requireConfirmation("confirm the mail", Duration.ofMinutes(5),
                                Basis.rule("action-boundary", "team", "1", "mail-confirm"))
                        : Decision.allow("action-boundary"));
        writer = GovernedAgent.builder().id("writer")
                .model(ScriptedChatModel.script()
                        .callTools(ScriptedChatModel.call("lookup_contact", Map.of("name", "bob")))
                        .callTools(ScriptedChatModel.call("send_email", Map.of("to", "bob@example.com",
                                "body", "see you in March")))
                        .reply("mailed").build())
                .tools(new Contacts(), mailer).governor(Governor.builder().plane(mailNeedsConfirmation).build())
                .build();
        AgentDirectory dir = AgentDirectory.builder()
                .agent(new AgentCard("supervisor", "1", "team", "routes work", "scripted", List.of(), List.of(),
                        List.of(TrustEdge.of("supervisor", "writer")), null))
                .agent(AgentCard.of(writer, "writes and mails memos", "scripted", List.of(), List.of()))
                .build();
        Delegator delegator = new Delegator(dir, Map.of("writer", new LocalAgentEndpoint(writer)),
                DelegationLimits.DEFAULT);
        DelegateTool delegate = new DelegateTool(delegator, List.of("writer"));
        Governor supervisorGovernor = delegate.wire(Governor.builder()).build();
        supervisor = GovernedAgent.builder().id("supervisor")
                .model(ScriptedChatModel.script()
                        .callTools(ScriptedChatModel.call("delegate", Map.of("agent", "writer",
                                "task", "mail bob a note")))
                        .reply("done").build())
                .tools(delegate.register(ToolRegistry.builder(), supervisorGovernor).build())
                .governor(supervisorGovernor).approvalObserver(supervisorObserver()).build();
        return supervisor.runBlocking("have the writer mail bob", ALICE);
    }

    @Test
    void a_relayed_confirmation_is_reported_requested_once() {
        RunResult r = mailThroughTheWriter();

        assertThat(r.status()).isEqualTo(RunStatus.AWAITING_CONFIRMATION);
        assertThat(r.approval().relay()).isNotNull();
        assertThat(requested).extracting(PendingApproval::approvalId).containsExactly(r.approval().approvalId());

        supervisor.confirmBlocking(r.approval().approvalId(),
                ConfirmationResolution.confirm(ALICE, r.approval().argumentsDigest()));
        assertThat(mailer.sent).containsExactly("bob@example.com: see you in March");
        assertThat(requested).as("still once").hasSize(1);
        assertThat(resolved).containsExactly(r.approval().approvalId() + " CONFIRMED");
    }

    @Test
    void a_relayed_entry_carries_the_callees_labels_for_notice_redaction() {
        RunResult r = mailThroughTheWriter();

        PendingApproval calleeEntry = writer.store().find(r.approval().relay().calleeConfirmationId()).orElseThrow()
                .approval();
        assertThat(calleeEntry.contextLabels()).isEqualTo(Labels.of(Confidentiality.RESTRICTED, "PII").toString());
        assertThat(r.context().labels().level()).as("the supervisor never saw the contact")
                .isEqualTo(Confidentiality.PUBLIC);
        assertThat(r.approval().contextLabels()).isEqualTo(calleeEntry.contextLabels());
    }
}

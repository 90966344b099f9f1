package dev.warden.identity;

import static dev.warden.identity.IdentityFixtures.EXAMPLE;
import static dev.warden.identity.IdentityFixtures.MONDAY_EVENING_BERLIN;
import static dev.warden.identity.IdentityFixtures.MONDAY_MORNING_BERLIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.core.TaskContext;
import dev.warden.core.GovernanceContext;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.agent.RunResult;
import dev.warden.core.agent.RunStatus;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.core.testing.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The shipped example, end to end: the same agent and the same scripted model, different users. The model always
 * asks for the same three tools; what runs depends only on who asks, for what purpose and when.
 */
class CrmAssistantExampleTest {
    final TestClock clock = TestClock.at(MONDAY_MORNING_BERLIN);
    final CrmAssistantTools tools = new CrmAssistantTools();
    final AtomicInteger modelCalls = new AtomicInteger();

    RunResult run(Principal user, String purpose) {
        IdentityPlane identity = IdentityPlane.builder().engine(IdentityFixtures.engine(clock, EXAMPLE)).build();
        ScriptedChatModel script = ScriptedChatModel.script()
                .callTool("crm.read", Map.of("account", "ACME-1"))
                .callTool("email.draft", Map.of("to", "bob@acme.com", "body", "hello"))
                .callTool("reports.export", Map.of("report", "pipeline"))
                .callTool("email.send", Map.of("to", "bob@acme.com", "body", "hello"))
                .reply("done")
                .build();
        ChatModel counting = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                modelCalls.incrementAndGet();
                return script.chat(request);
            }
        };
        GovernedAgent agent = GovernedAgent.builder().identity(AgentIdentity.of("crm-assistant")).model(counting)
                .tools(tools).governor(Governor.builder().clock(clock).plane(identity).build()).maxSteps(8).build();
        GovernanceContext ctx = GovernanceContext.of(user, agent.identity())
                .withTask(new TaskContext("run-" + user.id(), null, purpose));
        return agent.runBlocking("Prepare the ACME pipeline update", ctx);
    }

    static Principal principal(String id, String... roles) {
        return new Principal(id, "acme", Set.of(roles), Map.of());
    }

    @Test
    void junior_analyst_reads_the_crm_and_drafts_but_cannot_export_or_send() {
        RunResult r = run(principal("ann", "junior-analyst"), "reporting");
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(tools.ran).containsExactly("crm.read", "email.draft");
        assertThat(r.decisions()).anySatisfy(d -> assertThat(d.ruleIds()).contains("export-needs-vp"))
                .anySatisfy(d -> assertThat(d.ruleIds()).contains("other-tools-refused"));
    }

    @Test
    void vp_engineering_may_also_export_reports_for_a_reporting_task() {
        RunResult r = run(principal("vic", "vp-engineering"), "reporting");
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(tools.ran).containsExactly("crm.read", "email.draft", "reports.export");
    }

    @Test
    void vp_engineering_may_not_export_for_a_task_with_another_purpose() {
        run(principal("vic", "vp-engineering"), "chit-chat");
        assertThat(tools.ran).containsExactly("crm.read", "email.draft");
    }

    @Test
    void a_user_without_an_analyst_role_runs_nothing() {
        run(principal("sam", "sales"), "reporting");
        assertThat(tools.ran).isEmpty();
    }

    @Test
    void a_contractor_may_use_the_agent_in_business_hours() {
        RunResult r = run(principal("cody", "contractor", "junior-analyst"), "reporting");
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(tools.ran).containsExactly("crm.read", "email.draft");
    }

    @Test
    void a_contractor_outside_business_hours_never_reaches_the_model() {
        clock.advance(Duration.between(java.time.Instant.parse(MONDAY_MORNING_BERLIN),
                java.time.Instant.parse(MONDAY_EVENING_BERLIN)));
        RunResult r = run(principal("cody", "contractor", "junior-analyst"), "reporting");
        assertThat(r.status()).isEqualTo(RunStatus.DENIED);
        assertThat(r.code()).isEqualTo(IdentityCodes.EXAMPLE_CONTRACTOR_OUTSIDE_HOURS);
        assertThat(modelCalls).hasValue(0);
        assertThat(tools.ran).isEmpty();
    }

    @Test
    void the_same_evening_a_junior_analyst_who_is_not_a_contractor_still_works() {
        clock.advance(Duration.ofHours(10).plusMinutes(30));
        assertThat(run(principal("ann", "junior-analyst"), "reporting").status()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void a_contractor_on_saturday_is_refused() {
        clock.advance(Duration.ofDays(5));
        assertThat(run(principal("cody", "contractor", "junior-analyst"), "reporting").status())
                .isEqualTo(RunStatus.DENIED);
        assertThat(List.copyOf(tools.ran)).isEmpty();
    }
}

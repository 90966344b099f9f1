package dev.warden.core.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.core.TaskContext;
import dev.warden.core.agent.PendingApproval;
import dev.warden.core.audit.InMemoryAuditSink;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A delegate call whose callee waits for the requester's confirmation has not run: the run does not count it as a tool
 * call, and neither do the repeat counts (else they run ahead of the run's and a partial memory goes unseen).
 */
class AwaitingCallRepeatsTest {
    public static class DeskTools {
        @Tool(name = "ask_desk", value = "Ask the desk agent")
        @ToolGovernance(effects = Effect.READ)
        public String ask(@P("question") String q) {
            CalleeConfirmations.awaiting("desk", new PendingApproval("c-1", "callee-run", "desk", "default", "alice",
                    "send_money", "call-1", Map.of(), "confirm", Set.of(), List.of(), "PUBLIC", Instant.now(),
                    Instant.now().plusSeconds(60)));
            return "waiting";
        }
    }

    @Test
    void a_call_waiting_for_its_callees_confirmation_is_not_counted_as_executed() {
        Governor governor = Governor.builder().auditSink(new InMemoryAuditSink()).build();
        GovernedToolExecutor tools = new GovernedToolExecutor(ToolRegistry.of(new DeskTools()), governor, null);
        GovernanceContext ctx = GovernanceContext.of(Principal.of("alice"), AgentIdentity.of("front"))
                .withTask(TaskContext.of("run-1"));
        ToolExecutionRequest call = ToolExecutionRequest.builder().id("t-1").name("ask_desk")
                .arguments("{\"q\":\"ok?\"}").build();
        ToolAuthorization auth = tools.authorize(call, ctx, 1, Map.of(), io.opentelemetry.context.Context.root()).await().indefinitely();
        ToolOutcome outcome = tools.execute(auth, ctx, 1, Map.of(), io.opentelemetry.context.Context.root()).await().indefinitely();

        assertThat(outcome.awaiting()).as(outcome.messageForModel()).isNotNull();
        // the run made no tool call (toolCalls stays 0): the repeat memory must say the same
        assertThat(tools.repeats().memory("run-1")).satisfiesAnyOf(m -> assertThat(m).isNull(),
                m -> assertThat(m.executed()).isZero());
    }
}

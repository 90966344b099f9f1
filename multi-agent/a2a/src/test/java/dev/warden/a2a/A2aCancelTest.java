package dev.warden.a2a;

import static dev.warden.a2a.A2aFixtures.userToken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.Tool;
import dev.warden.a2a.server.A2aHttpHandler;
import dev.warden.a2a.server.JwtBearerAuthenticator;
import dev.warden.a2a.server.WardenA2aServer;
import dev.warden.core.Effect;
import dev.warden.core.Governor;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.core.tools.ToolGovernance;
import dev.warden.delegation.AgentCard;
import dev.warden.delegation.AgentDirectory;
import dev.warden.model.scripted.ScriptedChatModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code tasks/cancel} stops the governed run itself, not only the task's state. */
class A2aCancelTest {
    /** A tool that waits until it is interrupted (or 20 s). */
    public static final class SlowExport {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch interrupted = new CountDownLatch(1);

        @Tool(name = "export_all", value = "Exports everything, slowly")
        @ToolGovernance(effects = Effect.READ)
        public String exportAll() {
            started.countDown();
            try {
                Thread.sleep(20_000);
                return "exported";
            } catch (InterruptedException e) {
                interrupted.countDown();
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
    }

    @Test
    void cancel_interrupts_the_running_tool_and_the_task_ends_canceled() throws Exception {
        SlowExport export = new SlowExport();
        Governor governor = Governor.builder().auditSink(new InMemoryAuditSink()).build();
        GovernedAgent agent = GovernedAgent.builder().id("exporter")
                .model(ScriptedChatModel.rules().whenUser("export", m -> List.of(ScriptedChatModel.call("export_all",
                        Map.of()))).build())
                // under a run deadline, tool calls run interruptibly (decision 0012); cancelling the run interrupts them
                .tools(export).governor(governor).runTimeout(java.time.Duration.ofSeconds(60)).build();
        AgentCard inventory = AgentCard.of(agent, "Exports data", "scripted", List.of(), List.of());
        try (A2aFixtures.Host host = new A2aFixtures.Host();
                WardenA2aServer server = WardenA2aServer.builder().agent(agent, inventory).url("http://x/a2a")
                        .governor(governor).directory(AgentDirectory.builder().agent(inventory).build())
                        .authenticator(new JwtBearerAuthenticator(A2aFixtures.USER_KEY.getPublicKey(),
                                A2aFixtures.IDP, "bank")).build()) {
            host.serve(A2aHttpHandler.of(server));
            String token = userToken("alice", "bank");
            String sent = post(host.base, token, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"message/send\",\"params\":"
                    + "{\"configuration\":{\"blocking\":false,\"acceptedOutputModes\":[\"text\"]},\"message\":{\"kind\":"
                    + "\"message\",\"role\":\"user\",\"messageId\":\"m1\",\"parts\":[{\"kind\":\"text\",\"text\":"
                    + "\"export everything\"}]}}}");
            String taskId = io.a2a.util.Utils.OBJECT_MAPPER.readTree(sent).path("result").path("id").asText();
            assertThat(export.started.await(10, TimeUnit.SECONDS)).isTrue();

            String canceled = post(host.base, token, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tasks/cancel\","
                    + "\"params\":{\"id\":\"" + taskId + "\"}}");

            assertThat(canceled).contains("\"canceled\"");
            assertThat(export.interrupted.await(10, TimeUnit.SECONDS)).as("the tool call was interrupted").isTrue();
        }
    }

    static String post(URI base, String token, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/a2a"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}

package dev.warden.a2a;

import static dev.warden.a2a.A2aFixtures.tenantToken;
import static dev.warden.a2a.A2aFixtures.userToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.a2a.server.A2aHttpHandler;
import dev.warden.a2a.server.JwtBearerAuthenticator;
import dev.warden.a2a.server.WardenA2aServer;
import dev.warden.core.Governor;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.core.testing.BankTools;
import dev.warden.core.testing.TestClock;
import dev.warden.delegation.AgentCard;
import dev.warden.delegation.AgentDirectory;
import dev.warden.model.scripted.ScriptedChatModel;
import io.a2a.util.Utils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What one caller can hold on a Warden A2A server: running tasks, streams, remembered tasks — all bounded. */
class A2aServerBoundsTest {
    final TestClock clock = TestClock.at("2026-12-05T10:00:00Z");
    A2aFixtures.Host host;
    WardenA2aServer server;

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
        if (server != null) {
            server.close();
        }
    }

    void serve(GovernedAgent agent, Governor governor, WardenA2aServer.Builder extra) throws Exception {
        host = new A2aFixtures.Host();
        AgentCard inventory = AgentCard.of(agent, "test agent", "scripted", List.of(), List.of());
        server = extra.agent(agent, inventory).url(host.base + "/a2a").governor(governor)
                .directory(AgentDirectory.builder().agent(inventory).build())
                .authenticator(new JwtBearerAuthenticator(A2aFixtures.USER_KEY.getPublicKey(), A2aFixtures.IDP,
                        "bank"))
                .runTimeout(Duration.ofSeconds(20)).clock(clock).build();
        host.serve(A2aHttpHandler.of(server));
    }

    void serveTeller() throws Exception {
        InMemoryAuditSink audit = new InMemoryAuditSink();
        Governor governor = A2aFixtures.bankGovernor(audit).build();
        serve(A2aFixtures.teller(new BankTools(), governor), governor, WardenA2aServer.builder());
    }

    HttpResponse<String> post(String token, String body, Duration timeout) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(host.base + "/a2a"))
                .timeout(timeout).header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode rpc(String token, String body) throws Exception {
        return Utils.OBJECT_MAPPER.readTree(post(token, body, Duration.ofSeconds(20)).body());
    }

    static String send(String text, boolean blocking) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"message/send\",\"params\":{\"configuration\":{\"blocking\":"
                + blocking + ",\"acceptedOutputModes\":[\"text\"]},\"message\":{\"kind\":\"message\",\"role\":\"user\","
                + "\"messageId\":\"m-" + System.nanoTime() + "\",\"parts\":[{\"kind\":\"text\",\"text\":\"" + text
                + "\"}]}}}";
    }

    static String call(String method, String taskId) {
        return "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"" + method + "\",\"params\":{\"id\":\"" + taskId + "\"}}";
    }

    @Test
    void resubscribing_to_a_task_waiting_for_approval_answers_its_state_and_ends() throws Exception {
        serveTeller();
        String alice = userToken("alice", "bank", "teller");
        String taskId = rpc(alice, send("send 900 to DE89370400440532013000", true)).path("result").path("id")
                .asText();

        HttpResponse<String> stream = post(alice, call("tasks/resubscribe", taskId), Duration.ofSeconds(10));

        assertThat(stream.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        assertThat(stream.body()).contains("input-required").contains(taskId);
    }

    @Test
    void a_callers_running_tasks_are_bounded_and_so_are_all_callers_together() throws Exception {
        A2aCancelTest.SlowExport export = new A2aCancelTest.SlowExport();
        Governor governor = Governor.builder().auditSink(new InMemoryAuditSink()).build();
        GovernedAgent agent = GovernedAgent.builder().id("exporter")
                .model(ScriptedChatModel.rules().whenUser("export", m -> List.of(ScriptedChatModel.call("export_all",
                        Map.of()))).build())
                .tools(export).governor(governor).runTimeout(Duration.ofSeconds(60)).build();
        serve(agent, governor, WardenA2aServer.builder().maxRunningTasks(2, 3));
        String alice = userToken("alice", "bank");
        String bob = userToken("bob", "bank");

        for (int i = 0; i < 2; i++) {
            assertThat(rpc(alice, send("export everything", false)).path("result").path("status").path("state")
                    .asText()).isIn("submitted", "working");
        }
        JsonNode third = rpc(alice, send("export everything", false));
        assertThat(third.path("error").path("data").path("code").asText()).isEqualTo(A2aCodes.TOO_MANY_TASKS);
        assertThat(third.path("result").isMissingNode()).as("no task was created").isTrue();

        assertThat(rpc(bob, send("export everything", false)).path("result").path("id").asText()).isNotEmpty();
        JsonNode overall = rpc(bob, send("export everything", false));
        assertThat(overall.path("error").path("data").path("code").asText()).isEqualTo(A2aCodes.SERVER_BUSY);
    }

    @Test
    void finished_tasks_are_forgotten_after_the_retention() throws Exception {
        serveTeller();
        String alice = userToken("alice", "bank", "teller");
        String taskId = rpc(alice, send("what is my balance", true)).path("result").path("id").asText();
        assertThat(rpc(alice, call("tasks/get", taskId)).path("result").path("status").path("state").asText())
                .isEqualTo("completed");
        assertThat(server.heldTasks()).isEqualTo(1);
        TimeUnit.MILLISECONDS.sleep(300); // the executor files the task as finished just after its final event

        clock.advance(Duration.ofHours(1).plusSeconds(1));

        assertThat(server.heldTasks()).isZero();
        assertThat(rpc(alice, call("tasks/get", taskId)).path("error").path("code").asInt()).isEqualTo(-32001);
    }

    @Test
    void task_owners_of_different_tenants_never_collide() throws Exception {
        serveTeller();
        String mine = tenantToken("acme/eu", "alice", "bank", "teller");
        String other = tenantToken("acme", "eu/alice", "bank", "teller");
        String taskId = rpc(mine, send("what is my balance", true)).path("result").path("id").asText();

        assertThat(rpc(other, call("tasks/get", taskId)).toString()).contains("\"error\"").doesNotContain("1200");
        assertThat(rpc(mine, call("tasks/get", taskId)).toString()).contains("1200.00 EUR");
    }

    @Test
    void a_task_is_readable_by_its_creator_as_soon_as_it_is_accepted() throws Exception {
        serveTeller();
        String alice = userToken("alice", "bank", "teller");
        for (int i = 0; i < 20; i++) {
            String taskId = rpc(alice, send("what is my balance", false)).path("result").path("id").asText();
            assertThat(rpc(alice, call("tasks/get", taskId)).path("result").path("id").asText()).isEqualTo(taskId);
        }
    }
}

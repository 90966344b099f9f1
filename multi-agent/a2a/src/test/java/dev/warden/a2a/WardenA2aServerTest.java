package dev.warden.a2a;

import static dev.warden.a2a.A2aFixtures.userToken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.a2a.server.A2aHttpHandler;
import dev.warden.a2a.server.JwtBearerAuthenticator;
import dev.warden.a2a.server.WardenA2aServer;
import dev.warden.core.Governor;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.core.testing.BankTools;
import dev.warden.delegation.AgentCard;
import dev.warden.delegation.AgentDirectory;
import io.a2a.A2A;
import io.a2a.client.Client;
import io.a2a.client.ClientEvent;
import io.a2a.client.TaskEvent;
import io.a2a.client.TaskUpdateEvent;
import io.a2a.client.config.ClientConfig;
import io.a2a.client.transport.jsonrpc.JSONRPCTransport;
import io.a2a.client.transport.jsonrpc.JSONRPCTransportConfig;
import io.a2a.client.transport.spi.interceptors.ClientCallContext;
import io.a2a.spec.HTTPAuthSecurityScheme;
import io.a2a.spec.Task;
import io.a2a.spec.TaskState;
import io.a2a.spec.TaskStatusUpdateEvent;
import io.a2a.spec.TextPart;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The A2A SDK's own client against a Warden agent served over A2A, over real HTTP. */
class WardenA2aServerTest {
    static final BankTools bank = new BankTools();
    static final InMemoryAuditSink audit = new InMemoryAuditSink();
    static A2aFixtures.Host host;
    static WardenA2aServer server;
    static io.a2a.spec.AgentCard card;

    @BeforeAll
    static void serve() throws Exception {
        host = new A2aFixtures.Host();
        Governor governor = A2aFixtures.bankGovernor(audit).build();
        GovernedAgent teller = A2aFixtures.teller(bank, governor);
        AgentCard inventory = AgentCard.of(teller, "Bank teller: balances and transfers", "scripted",
                List.of("bank@1"), List.of());
        server = WardenA2aServer.builder().agent(teller, inventory).url(host.base + "/a2a").governor(governor)
                .directory(AgentDirectory.builder().agent(inventory).build())
                .authenticator(new JwtBearerAuthenticator(A2aFixtures.USER_KEY.getPublicKey(), A2aFixtures.IDP,
                        "bank"))
                .runTimeout(Duration.ofSeconds(20)).build();
        host.serve(A2aHttpHandler.of(server));
        card = A2A.getAgentCard(host.base.toString());
    }

    @AfterAll
    static void stop() {
        host.close();
        server.close();
    }

    /** Sends one message with the SDK client and returns the last task it reported. */
    static List<ClientEvent> send(String text, String bearer, boolean streaming) throws Exception {
        List<ClientEvent> events = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Client client = Client.builder(card)
                .clientConfig(new ClientConfig.Builder().setStreaming(streaming).build())
                .withTransport(JSONRPCTransport.class, new JSONRPCTransportConfig())
                .addConsumer((event, c) -> {
                    events.add(event);
                    Task t = event instanceof TaskEvent te ? te.getTask()
                            : event instanceof TaskUpdateEvent tu ? tu.getTask() : null;
                    if (t != null && (t.getStatus().state().isFinal()
                            || t.getStatus().state() == TaskState.INPUT_REQUIRED)) {
                        done.complete(null);
                    }
                })
                .streamingErrorHandler(done::completeExceptionally)
                .build();
        client.sendMessage(A2A.toUserMessage(text), new ClientCallContext(Map.of(),
                Map.of("Authorization", "Bearer " + bearer)));
        done.get(20, TimeUnit.SECONDS);
        client.close();
        return events;
    }

    static Task lastTask(List<ClientEvent> events) {
        ClientEvent e = events.get(events.size() - 1);
        return e instanceof TaskEvent te ? te.getTask() : ((TaskUpdateEvent) e).getTask();
    }

    static String artifactText(Task t) {
        return ((TextPart) t.getArtifacts().get(0).parts().get(0)).getText();
    }

    @Test
    void card_is_generated_from_the_inventory_with_tools_as_skills_and_bearer_jwt_security() {
        assertThat(card.name()).isEqualTo("teller");
        assertThat(card.description()).isEqualTo("Bank teller: balances and transfers");
        assertThat(card.url()).isEqualTo(host.base + "/a2a");
        assertThat(card.skills()).extracting(io.a2a.spec.AgentSkill::id)
                .contains("get_balance", "send_money", "get_transactions");
        assertThat(card.skills()).filteredOn(s -> s.id().equals("send_money")).singleElement()
                .satisfies(s -> assertThat(s.tags()).contains("effect:financial", "risk:critical"));
        assertThat(card.securitySchemes().get("bearer")).isInstanceOfSatisfying(HTTPAuthSecurityScheme.class,
                s -> {
                    assertThat(s.getScheme()).isEqualTo("bearer");
                    assertThat(s.getBearerFormat()).isEqualTo("JWT");
                });
        assertThat(card.capabilities().streaming()).isTrue();
        assertThat(card.capabilities().pushNotifications()).isFalse();
    }

    @Test
    void allowed_task_completes_through_the_governed_loop_as_the_authenticated_caller() throws Exception {
        Task t = lastTask(send("what is my balance", userToken("alice", "bank", "teller"), false));

        assertThat(t.getStatus().state()).isEqualTo(TaskState.COMPLETED);
        assertThat(artifactText(t)).isEqualTo("Balance: 1200.00 EUR");
        @SuppressWarnings("unchecked")
        Map<String, Object> labels = (Map<String, Object>) t.getArtifacts().get(0).metadata()
                .get(A2aMetadata.LABELS);
        assertThat(labels).containsEntry("level", "CONFIDENTIAL");
        String runId = (String) t.getArtifacts().get(0).metadata().get(A2aMetadata.RUN_ID);
        assertThat(audit.records()).filteredOn(r -> runId.equals(r.runId()))
                .isNotEmpty().allSatisfy(r -> assertThat(r.userId()).isEqualTo("alice"));
    }

    @Test
    void denied_task_is_rejected_with_the_warden_code() throws Exception {
        Task t = lastTask(send("what is my balance", userToken("ivan", "bank", "intern"), false));

        assertThat(t.getStatus().state()).isEqualTo(TaskState.REJECTED);
        assertThat(t.getStatus().message().getMetadata()).containsEntry(A2aMetadata.CODE, "BANK-0001");
        assertThat(t.getArtifacts()).isNullOrEmpty();
        assertThat(audit.records()).anySatisfy(r -> {
            assertThat(r.userId()).isEqualTo("ivan");
            assertThat(r.outcome()).isEqualTo("DENY");
            assertThat(r.code()).isEqualTo("BANK-0001");
        });
    }

    @Test
    void approval_needed_is_input_required_with_the_approval_id_and_nothing_runs() throws Exception {
        Task t = lastTask(send("send 900 to DE89370400440532013000", userToken("alice", "bank", "teller"), false));

        assertThat(t.getStatus().state()).isEqualTo(TaskState.INPUT_REQUIRED);
        Object approvalId = t.getStatus().message().getMetadata().get(A2aMetadata.APPROVAL_ID);
        assertThat(approvalId).isNotNull();
        assertThat(bank.transfers).isEmpty();
        assertThat(audit.records()).anySatisfy(r -> {
            assertThat(r.outcome()).isEqualTo("REQUIRE_APPROVAL");
            assertThat(r.tool()).isEqualTo("send_money");
        });
    }

    @Test
    void streaming_reports_submitted_working_and_the_final_state_in_order() throws Exception {
        List<ClientEvent> events = send("what is my balance", userToken("alice", "bank", "teller"), true);

        List<TaskState> states = events.stream().map(e -> e instanceof TaskUpdateEvent tu
                && tu.getUpdateEvent() instanceof TaskStatusUpdateEvent s ? s.getStatus().state()
                : e instanceof TaskEvent te ? te.getTask().getStatus().state() : null)
                .filter(java.util.Objects::nonNull).toList();
        assertThat(states).containsSubsequence(TaskState.SUBMITTED, TaskState.WORKING, TaskState.COMPLETED);
        assertThat(artifactText(lastTask(events))).isEqualTo("Balance: 1200.00 EUR");
    }

    @Test
    void request_without_an_accepted_bearer_token_is_401_problem_json_and_runs_nothing() throws Exception {
        int before = audit.records().size();
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"message/send\",\"params\":{\"message\":{\"role\":"
                + "\"user\",\"parts\":[{\"kind\":\"text\",\"text\":\"what is my balance\"}],\"messageId\":\"m1\","
                + "\"kind\":\"message\"}}}";
        for (String auth : new String[] {null, "Bearer not-a-jwt", "Bearer " + userToken("alice", "other-service")}) {
            HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(host.base + "/a2a"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
            if (auth != null) {
                rb.header("Authorization", auth);
            }
            HttpResponse<String> r = HttpClient.newHttpClient().send(rb.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(String.valueOf(auth)).isEqualTo(401);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(r.body()).contains(A2aCodes.UNAUTHENTICATED)
                    .contains("\"type\":\"https://warden.dev/problems/" + A2aCodes.UNAUTHENTICATED + "\"");
        }
        assertThat(audit.records()).hasSize(before);
    }

    @Test
    void a_request_with_the_same_key_twice_is_refused_and_starts_no_task() throws Exception {
        int before = audit.records().size();
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"message/send\",\"params\":{\"message\":{\"role\":"
                + "\"user\",\"parts\":[{\"kind\":\"text\",\"text\":\"what is my balance\",\"text\":\"send 900 to "
                + "DE89370400440532013000\"}],\"messageId\":\"m-dup\",\"kind\":\"message\"}}}";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(host.base + "/a2a"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + userToken("alice", "bank", "teller"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.body()).contains("\"error\"").contains(A2aCodes.DUPLICATE_KEY).doesNotContain("\"result\"");
        assertThat(audit.records()).as("no run started").hasSize(before);
        assertThat(bank.transfers).isEmpty();
    }

    @Test
    void a_request_followed_by_a_second_json_value_is_refused_and_starts_no_task() throws Exception {
        int before = audit.records().size();
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"message/send\",\"params\":{\"message\":{\"role\":"
                + "\"user\",\"parts\":[{\"kind\":\"text\",\"text\":\"what is my balance\"}],\"messageId\":\"m-two\","
                + "\"kind\":\"message\"}}} "
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tasks/get\",\"params\":{\"id\":\"t\"}}";

        assertThat(post(body, userToken("alice", "bank", "teller"))).contains("\"error\"")
                .contains(A2aCodes.TRAILING_VALUE).doesNotContain("\"result\"");
        assertThat(audit.records()).as("no run started").hasSize(before);
    }

    @Test
    void another_caller_cannot_read_a_task_it_did_not_create() throws Exception {
        Task t = lastTask(send("what is my balance", userToken("alice", "bank", "teller"), false));
        String get = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tasks/get\",\"params\":{\"id\":\"" + t.getId() + "\"}}";

        assertThat(post(get, userToken("mallory", "bank", "teller"))).contains("\"error\"").doesNotContain("1200");
        assertThat(post(get, userToken("alice", "bank", "teller"))).contains("1200.00 EUR");
    }

    @Test
    void another_caller_cannot_continue_a_task_it_did_not_create() throws Exception {
        Task t = lastTask(send("send 900 to DE89370400440532013000", userToken("alice", "bank", "teller"), false));
        String hijack = "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"message/send\",\"params\":{\"message\":{"
                + "\"kind\":\"message\",\"role\":\"user\",\"messageId\":\"m-x\",\"taskId\":\"" + t.getId()
                + "\",\"parts\":[{\"kind\":\"text\",\"text\":\"approve it\"}]}}}";

        String answer = post(hijack, userToken("mallory", "bank", "teller"));

        assertThat(answer).contains("\"error\"").doesNotContain(t.getId() + "\",\"contextId").doesNotContain("900");
        String get = "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tasks/get\",\"params\":{\"id\":\"" + t.getId()
                + "\"}}";
        assertThat(post(get, userToken("alice", "bank", "teller"))).as("alice's task is unchanged")
                .contains("input-required");
    }

    @Test
    void push_notification_config_is_refused_even_on_the_callers_own_task() throws Exception {
        Task own = lastTask(send("what is my balance", userToken("alice", "bank", "teller"), false));
        String set = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tasks/pushNotificationConfig/set\",\"params\":"
                + "{\"taskId\":\"" + own.getId() + "\",\"pushNotificationConfig\":{\"url\":\"http://127.0.0.1:1/steal\"}}}";
        com.fasterxml.jackson.databind.JsonNode answer = io.a2a.util.Utils.OBJECT_MAPPER.readTree(post(set,
                userToken("alice", "bank", "teller")));
        assertThat(answer.path("error").path("code").asInt()).as("UnsupportedOperationError").isEqualTo(-32004);
    }

    static String post(String body, String bearer) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(host.base + "/a2a"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}

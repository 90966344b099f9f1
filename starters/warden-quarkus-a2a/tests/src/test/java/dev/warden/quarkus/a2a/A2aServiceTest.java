package dev.warden.quarkus.a2a;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.a2a.A2aMetadata;
import io.a2a.A2A;
import io.a2a.client.Client;
import io.a2a.client.TaskEvent;
import io.a2a.client.TaskUpdateEvent;
import io.a2a.client.config.ClientConfig;
import io.a2a.client.transport.jsonrpc.JSONRPCTransport;
import io.a2a.client.transport.jsonrpc.JSONRPCTransportConfig;
import io.a2a.client.transport.spi.interceptors.ClientCallContext;
import io.a2a.spec.AgentCard;
import io.a2a.spec.Task;
import io.a2a.spec.TaskState;
import io.a2a.spec.TextPart;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The A2A SDK's client against a Quarkus service's agent served over A2A: one boot, real HTTP. */
@QuarkusTest
class A2aServiceTest {
    @TestHTTPResource("/")
    URL root;

    static String token(String user) {
        return given().get("/v1/dev/tokens/" + user).then().statusCode(200).extract().path("token");
    }

    AgentCard card() {
        // the card states the configured public URL; the test reaches the same path on its random port
        String json = given().get("/a2a/clerk/.well-known/agent-card.json").then().statusCode(200).extract().asString();
        AgentCard stated = io.a2a.util.Utils.OBJECT_MAPPER.convertValue(
                io.restassured.path.json.JsonPath.from(json).getMap("$"), AgentCard.class);
        String url = root.toString().replaceAll("/$", "") + "/a2a/clerk";
        return new AgentCard.Builder(stated).url(url).additionalInterfaces(null).build();
    }

    List<Task> send(String text, boolean streaming) throws Exception {
        List<Task> tasks = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Client client = Client.builder(card())
                .clientConfig(new ClientConfig.Builder().setStreaming(streaming).build())
                .withTransport(JSONRPCTransport.class, new JSONRPCTransportConfig())
                .addConsumer((event, c) -> {
                    Task t = event instanceof TaskEvent te ? te.getTask()
                            : event instanceof TaskUpdateEvent tu ? tu.getTask() : null;
                    if (t != null) {
                        tasks.add(t);
                        if (t.getStatus().state().isFinal() || t.getStatus().state() == TaskState.INPUT_REQUIRED) {
                            done.complete(null);
                        }
                    }
                })
                .streamingErrorHandler(done::completeExceptionally).build();
        client.sendMessage(A2A.toUserMessage(text), new ClientCallContext(Map.of(),
                Map.of("Authorization", "Bearer " + token("alice"))));
        done.get(30, TimeUnit.SECONDS);
        client.close();
        return tasks;
    }

    /**
     * This application sets its own {@code quarkus.arc.exclude-types} (application.properties): with the exclusion as a
     * config default, that list replaced {@code io.a2a.**} and the build failed on the SDK's beans ("Unsatisfied
     * dependency for type io.a2a.spec.AgentCard [@PublicAgentCard]"); the extension's build step keeps them out.
     */
    @Test
    void an_applications_own_arc_exclusion_does_not_bring_back_the_sdk_beans() throws Exception {
        assertThat(org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.arc.exclude-types",
                String.class)).isEqualTo("com.acme.NotABeanHere");
        assertThat(send("look up tides", false).get(0).getStatus().state()).isEqualTo(TaskState.COMPLETED);
    }

    @Test
    void card_lists_the_agents_tools_as_skills_under_the_configured_public_url() {
        given().get("/a2a/clerk/.well-known/agent-card.json").then().statusCode(200)
                .body("name", org.hamcrest.Matchers.equalTo("clerk"))
                .body("url", org.hamcrest.Matchers.equalTo("http://localhost:8080/a2a/clerk"))
                .body("skills.id", org.hamcrest.Matchers.hasItems("lookup", "send_mail"))
                .body("securitySchemes.bearer.bearerFormat", org.hamcrest.Matchers.equalTo("JWT"));
    }

    @Test
    void task_runs_governed_as_the_token_user_and_completes() throws Exception {
        Task t = send("look up harbours", false).get(0);

        assertThat(t.getStatus().state()).isEqualTo(TaskState.COMPLETED);
        assertThat(((TextPart) t.getArtifacts().get(0).parts().get(0)).getText())
                .isEqualTo("FACT: harbours is well documented");
    }

    @Test
    void approval_is_input_required_and_streaming_reports_the_states() throws Exception {
        List<Task> tasks = send("mail bob@example.com the memo", true);

        Task last = tasks.get(tasks.size() - 1);
        assertThat(last.getStatus().state()).isEqualTo(TaskState.INPUT_REQUIRED);
        assertThat(last.getStatus().message().getMetadata()).containsKey(A2aMetadata.APPROVAL_ID);
        assertThat(tasks).extracting(t -> t.getStatus().state()).contains(TaskState.WORKING);
    }

    @Test
    void unauthenticated_calls_and_agents_not_served_are_refused() {
        given().contentType(ContentType.JSON).body("{}").post("/a2a/clerk").then().statusCode(401)
                .contentType("application/problem+json").body("code", org.hamcrest.Matchers.equalTo("WARDEN-API-0001"));
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body("{}").post("/a2a/archivist")
                .then().statusCode(404).contentType("application/problem+json")
                .body("code", org.hamcrest.Matchers.equalTo(dev.warden.a2a.A2aCodes.NOT_SERVED));
        given().get("/a2a/archivist/.well-known/agent-card.json").then().statusCode(404)
                .body("code", org.hamcrest.Matchers.equalTo(dev.warden.a2a.A2aCodes.NOT_SERVED));
    }
}

package dev.warden.quarkus.a2a.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.chat.ChatModel;
import dev.warden.core.Effect;
import dev.warden.core.tools.ToolGovernance;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.quarkus.WardenAgent;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An application that sets its own {@code quarkus.arc.exclude-types} still boots and serves A2A: the SDK's CDI beans
 * are excluded by the extension's build step, which a user's list cannot replace (it replaced the starter's
 * {@code microprofile-config.properties} default before, and the SDK's beans failed the build).
 */
class UserExcludeTypesTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Clerk.class, Models.class)
                    .addAsResource("policies/desk.yaml")
                    .addAsResource("dev-keys/test-only-public.pem")
                    .addAsResource("dev-keys/test-only-private.pem")
                    .addAsResource("user-exclude-types.properties", "application.properties"));

    @WardenAgent(id = "clerk", description = "Looks up facts", policies = "desk")
    public static class Clerk {
        @Tool(name = "lookup", value = "Looks a topic up")
        @ToolGovernance(effects = Effect.READ)
        public String lookup(@P("topic") String topic) {
            return "FACT: " + topic + " is well documented";
        }
    }

    public static class Models {
        @Produces
        @Singleton
        @Identifier("scripted")
        ChatModel scripted() {
            return ScriptedChatModel.rules()
                    .whenUser("^look up (.+)$", m -> List.of(ScriptedChatModel.call("lookup", Map.of("topic",
                            m.group(1)))))
                    .finalAnswer(rs -> rs.get(0).text()).build();
        }
    }

    @Test
    void a_users_own_arc_exclusion_does_not_bring_back_the_sdk_beans_and_a2a_is_served() {
        given().get("/a2a/clerk/.well-known/agent-card.json").then().statusCode(200).body("name", equalTo("clerk"));
        String token = given().get("/v1/dev/tokens/alice").then().statusCode(200).extract().path("token");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"message/send\",\"params\":{\"message\":{\"kind\":"
                        + "\"message\",\"role\":\"user\",\"messageId\":\"m1\",\"parts\":[{\"kind\":\"text\",\"text\":"
                        + "\"look up tides\"}]}}}")
                .post("/a2a/clerk").then().statusCode(200)
                .body("result.status.state", equalTo("completed"))
                .body("result.artifacts[0].parts[0].text", equalTo("FACT: tides is well documented"));
    }
}

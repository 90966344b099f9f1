package dev.warden.samples.crm;

import static dev.warden.samples.crm.CrmApi.decide;
import static dev.warden.samples.crm.CrmApi.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The analyst's tools through the MCP gateway, with an MCP client (LangChain4j's) instead of the agent's model. */
@QuarkusTest
class CrmMcpGatewayTest {
    @TestHTTPResource("/mcp")
    URL mcp;
    @Inject
    MailTools mail;

    McpClient client(String user) {
        return new DefaultMcpClient.Builder().key("ide").clientName("ide").cacheToolList(false)
                .transport(new StreamableHttpMcpTransport.Builder().url(mcp.toString()).timeout(Duration.ofSeconds(20))
                        .customHeaders(Map.of("Authorization", "Bearer " + token(user))).build())
                .build();
    }

    static String call(McpClient client, String tool, String args) {
        try {
            return client.executeTool(ToolExecutionRequest.builder().id("c").name(tool).arguments(args).build())
                    .resultText();
        } catch (dev.langchain4j.exception.ToolExecutionException e) {
            return "error: " + e.getMessage();
        }
    }

    @Test
    void mcp_clients_get_the_analysts_tools_under_the_same_policies() throws Exception {
        String send = "{\"to\":\"%s\",\"subject\":\"Q3\",\"body\":\"numbers\"}";
        try (McpClient jane = client("jane")) {
            assertThat(jane.listTools()).extracting(ToolSpecification::name).containsExactlyInAnyOrder(
                    "crm.search_customers", "crm.get_customer", "sql.query", "email.send");
            assertThat(call(jane, "crm.search_customers", "{\"query\":\"\"}")).contains("\"name\"");
            // a record goes out with only its tax id (RESTRICTED, above the client's clearance) replaced by a marker
            // naming the label, as a hosted model gets it (decision 0075; before: the whole record was an error)
            assertThat(call(jane, "crm.get_customer", "{\"id\":1}")).doesNotStartWith("error:")
                    .contains("Ada Lovelace", "+44 20 7946 0001", "[withheld: RESTRICTED/PII]")
                    .doesNotContain("078-05-1120").doesNotContain("078051120");
            assertThat(call(jane, "sql.query", "{\"query\":\"DELETE FROM customers\"}")).startsWith("error:");
            assertThat(call(jane, "email.send", send.formatted("someone@evil.example"))).contains("CRM-ACT-0003");

            String pending = call(jane, "email.send", send.formatted("boss@acme.example"));
            Matcher m = Pattern.compile("approval (\\S+) is pending").matcher(pending);
            assertThat(m.find()).as(pending).isTrue();
            decide("maria", m.group(1), true).then().statusCode(200);
            assertThat(call(jane, "email.send", send.formatted("boss@acme.example"))).isEqualTo("sent to boss@acme.example");
        }
        assertThat(mail.sent()).filteredOn(s -> s.to().equals("boss@acme.example")).hasSize(1);
        assertThat(mail.sent()).noneMatch(s -> s.to().endsWith("evil.example"));

        assertThat(mail.sent()).noneMatch(s -> s.to().endsWith("evil.example"));
        the_auditor_is_not_an_mcp_client();
    }

    @Test
    void query_results_are_labelled_by_lineage_not_by_look() {
        try (McpClient jane = client("jane")) {
            // every spelling of the tax id is RESTRICTED, above the MCP client's CONFIDENTIAL clearance
            for (String q : new String[] {"SELECT name, REPLACE(ssn, '-', ' ') AS ref FROM customers",
                    "SELECT name, ssn AS ref FROM customers", "SELECT name, RAWTOHEX(ssn) AS ref FROM customers",
                    "SELECT name, (SELECT c2.ssn FROM customers c2 WHERE c2.id = c.id) AS ref FROM customers c",
                    "WITH t AS (SELECT name AS n, ssn AS s FROM customers) SELECT n, s FROM t"}) {
                assertThat(call(jane, "sql.query", "{\"query\":\"" + q + "\"}")).as(q).startsWith("error:")
                        .contains("withheld");
            }
            // what does not derive from the tax id flows, although the table also holds tax ids
            assertThat(call(jane, "sql.query", "{\"query\":\"SELECT name, phone FROM customers\"}"))
                    .contains("\"phone\"");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void the_auditor_is_not_an_mcp_client() throws Exception {
        HttpResponse<String> auditor = HttpClient.newHttpClient().send(HttpRequest.newBuilder(mcp.toURI())
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}"))
                .header("Authorization", "Bearer " + token("olga")).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(auditor.statusCode()).isEqualTo(403);
    }
}

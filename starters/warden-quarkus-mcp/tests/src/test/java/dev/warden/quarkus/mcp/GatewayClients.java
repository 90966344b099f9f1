package dev.warden.quarkus.mcp;

import static io.restassured.RestAssured.given;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the gateway tests share: dev tokens, an MCP client at {@code /mcp}, tool calls and audit reads. */
public final class GatewayClients {
    private GatewayClients() {}

    public static String token(String user) {
        return given().get("/v1/dev/tokens/" + user).then().statusCode(200).extract().path("token");
    }

    /** An IDE-like MCP client calling the gateway with {@code user}'s dev token. */
    public static McpClient client(URL mcp, String user) {
        return new DefaultMcpClient.Builder().key("ide").clientName("some-ide").cacheToolList(false)
                .transport(new StreamableHttpMcpTransport.Builder().url(mcp.toString()).timeout(Duration.ofSeconds(20))
                        .customHeaders(Map.of("Authorization", "Bearer " + token(user))).build())
                .build();
    }

    /** The result text; LangChain4j's client raises MCP error results as exceptions. */
    public static String call(McpClient client, String tool, String args) {
        try {
            return client.executeTool(ToolExecutionRequest.builder().id("c").name(tool).arguments(args).build())
                    .resultText();
        } catch (dev.langchain4j.exception.ToolExecutionException e) {
            return "error: " + e.getMessage();
        }
    }

    /** Audit records of the gateway identity {@code agentId} since {@code from}, read as the auditor olga. */
    public static List<Map<String, Object>> audit(String agentId, Instant from) {
        return given().auth().oauth2(token("olga")).queryParam("from", from.toString()).queryParam("agentId", agentId)
                .get("/v1/audit").then().statusCode(200).extract().jsonPath().getList("$");
    }
}
